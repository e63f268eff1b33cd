package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  /** A server that answers 204 and remembers the client port of every connection it served. */
  private record Counting(HttpServer server, Set<Integer> connections) implements AutoCloseable {

    static Counting start() throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      Set<Integer> connections = ConcurrentHashMap.newKeySet();
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.createContext(
          "/",
          exchange -> {
            connections.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
      return new Counting(server, connections);
    }

    LoadGenerator.Target target() {
      return new LoadGenerator.Target("127.0.0.1", server.getAddress().getPort());
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void connectionsAreSpreadRoundRobinOverTheServers() throws IOException {
    try (Counting first = Counting.start();
        Counting second = Counting.start()) {
      LoadGenerator generator = new LoadGenerator(List.of(first.target(), second.target()));

      LoadGenerator.Outcome outcome =
          generator.closedLoop(
              random -> HttpConnection.get("/", "127.0.0.1"), 4, Duration.ofMillis(500));

      assertThat(outcome.errors()).isZero();
      assertThat(outcome.statuses()[204]).isEqualTo(outcome.sent()).isPositive();
      // Four keep-alive connections, two to each server.
      assertThat(first.connections()).hasSize(2);
      assertThat(second.connections()).hasSize(2);
    }
  }
}
