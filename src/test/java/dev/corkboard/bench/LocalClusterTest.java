package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Postmaster;
import dev.corkboard.support.ServerProcess;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Several {@code corkboard serve} processes on one PostgreSQL, sharing one blob directory: what one
 * node writes, every node reads, media bytes included; a node can be frozen, thawed, killed and
 * restarted while the others serve, and closing the cluster leaves no process behind.
 */
class LocalClusterTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The image fetcher may reach 127.0.0.1; read caches are on, coherent across the nodes. */
  private static final List<String> NODE_OPTIONS = List.of("--fetch-allow", "127.0.0.1/32");

  private static LocalCluster.Settings settings() {
    return LocalCluster.Settings.in(TestServer.newDataDir())
        .withSharedBuffers("128MB")
        .withJvmOptions(ServerProcess.TEST_JVM_OPTIONS);
  }

  @Test
  void aPinWrittenOnOneNodeIsReadOnAnotherWithItsImageBytes() throws Exception {
    LocalCluster.Settings settings = settings();
    try (LocalCluster cluster = LocalCluster.start(settings)) {
      List<LocalCluster.Node> nodes = cluster.startNodes(2, NODE_OPTIONS);
      LocalCluster.Node first = nodes.get(0);
      LocalCluster.Node second = nodes.get(1);
      assertThat(cluster.baseUrls()).containsExactly(first.baseUrl(), second.baseUrl());
      assertThat(first.baseUrl()).isNotEqualTo(second.baseUrl());
      assertThat(second.name()).isEqualTo("node-2");
      assertThat(second.dataDir()).isEqualTo(settings.nodes().resolve("node-2"));
      assertThat(second.log()).isEqualTo(settings.nodes().resolve("node-2.log"));
      assertThat(settings.nodes().resolve("node-2.pid")).hasContent(Long.toString(second.pid()));

      Users.User user = Users.signUp(Api.of(first.baseUrl()));
      Api onFirst = Api.of(first.baseUrl()).bearer(user.token());
      Api onSecond = Api.of(second.baseUrl()).bearer(user.token());
      String board = Pins.board(onFirst, "Across nodes");
      String pin = Pins.create(onFirst, board, Images.png(800, 600, Color.GREEN)).text("id");

      JsonNode read = Pins.awaitSettled(onSecond, pin);
      assertThat(read.path("board_id").asText()).isEqualTo(board);
      assertThat(read.path("media_status").path("state").asText()).isEqualTo("ready");
      String url = read.path("media").path("images").path("400x300").path("url").asText();
      assertThat(url).startsWith(second.baseUrl());
      // The other node has never seen these bytes but through the shared blob directory.
      HttpResponse<byte[]> image =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(image.statusCode()).isEqualTo(200);
      assertThat(Images.decode(image.body()).getWidth()).isEqualTo(400);
      assertThat(cluster.settings().blobs())
          .isDirectoryRecursivelyContaining("glob:**/originals/**");
      assertThat(first.dataDir().resolve("blobs")).doesNotExist();
    }
  }

  @Test
  void aFrozenOrKilledNodeLeavesTheOtherServingAndComesBack() throws Exception {
    LocalCluster.Settings settings = settings();
    List<ProcessHandle> processes = new ArrayList<>();
    Postmaster postgres;
    try (LocalCluster cluster = LocalCluster.start(settings)) {
      postgres = Postmaster.of(settings.postgres()).orElseThrow();
      List<LocalCluster.Node> nodes = cluster.startNodes(2, NODE_OPTIONS);
      LocalCluster.Node first = nodes.get(0);
      LocalCluster.Node second = nodes.get(1);
      processes.add(first.process());
      processes.add(second.process());
      Users.User user = Users.signUp(Api.of(first.baseUrl()));
      String board = Pins.board(Api.of(first.baseUrl()).bearer(user.token()), "Survives");
      // Requests to both nodes all along, so that they freeze and die under load.
      AtomicBoolean loading = new AtomicBoolean(true);
      AtomicLong answered = new AtomicLong();
      Thread load =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (loading.get()) {
                      nodes.forEach(node -> answered.addAndGet(answers(node) ? 1 : 0));
                    }
                  });

      first.freeze();
      assertThat(first.isFrozen()).isTrue();
      assertThatThrownBy(() -> health(first, Duration.ofSeconds(1)))
          .as("a frozen node accepts connections but answers nothing")
          .isInstanceOf(HttpTimeoutException.class);
      assertThat(boardName(second, user, board)).isEqualTo("Survives");
      first.thaw();
      assertThat(first.isFrozen()).isFalse();
      assertThat(health(first, Duration.ofSeconds(30))).isEqualTo(200);

      long killedPid = second.pid();
      second.kill();
      assertThat(second.isAlive()).isFalse();
      assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive)).isNotEqualTo(true);
      assertThatThrownBy(() -> health(second, Duration.ofSeconds(5)))
          .isInstanceOf(ConnectException.class);
      assertThat(boardName(first, user, board)).isEqualTo("Survives");

      String url = second.baseUrl();
      second.restart();
      processes.add(second.process());
      assertThat(second.pid()).isNotEqualTo(killedPid);
      assertThat(second.baseUrl()).as("the same port again").isEqualTo(url);
      assertThat(boardName(second, user, board)).isEqualTo("Survives");

      loading.set(false);
      load.join();
      assertThat(answered.get()).isPositive();
      first.freeze(); // closing thaws it to stop it cleanly
    }
    for (ProcessHandle process : processes) {
      assertThat(process.isAlive()).as("pid %d after close", process.pid()).isFalse();
    }
    postgres.awaitReaped(); // fails unless PostgreSQL has exited
  }

  private static int health(LocalCluster.Node node, Duration timeout) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(node.baseUrl() + "/health")).timeout(timeout).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Whether the node answers its health check within two seconds. */
  private static boolean answers(LocalCluster.Node node) {
    try {
      return health(node, Duration.ofSeconds(2)) == 200;
    } catch (Exception e) {
      return false; // frozen, killed or restarting
    }
  }

  private static String boardName(LocalCluster.Node node, Users.User user, String board) {
    Api.Response response = Api.of(node.baseUrl()).bearer(user.token()).get("/v5/boards/" + board);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.text("name");
  }

  @Test
  void aNodeOptionThatCannotStartFailsWithItsLog() {
    try (LocalCluster cluster = LocalCluster.start(settings())) {
      assertThatThrownBy(() -> cluster.startNode(List.of("--read-cache", "sometimes")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with");
      assertThat(cluster.nodes()).isEmpty();
    }
  }
}
