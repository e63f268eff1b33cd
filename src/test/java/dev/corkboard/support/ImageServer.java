package dev.corkboard.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * An HTTP server inside the test, on 127.0.0.1, that serves fixture bytes for {@code image_url}
 * pins. A path may be held until released, to catch the server mid-fetch.
 */
public final class ImageServer implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> requested = new ConcurrentHashMap<>();

  public ImageServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requested.computeIfAbsent(path, p -> new CountDownLatch(1)).countDown();
          CountDownLatch hold = holds.get(path);
          if (hold != null) {
            try {
              hold.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = files.get(path);
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Serves the bytes at the path and answers the URL. */
  public String serve(String path, byte[] bytes) {
    files.put(path, bytes);
    return url(path);
  }

  /** Holds requests for the path until {@link #release} is called. */
  public void hold(String path) {
    holds.put(path, new CountDownLatch(1));
  }

  /** Waits until the path was requested at least once (up to 60 s). */
  public void awaitRequest(String path) throws InterruptedException {
    if (!requested
        .computeIfAbsent(path, p -> new CountDownLatch(1))
        .await(60, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new AssertionError(path + " was not requested within 60 s");
    }
  }

  /** Lets held requests for the path through. */
  public void release(String path) {
    CountDownLatch hold = holds.remove(path);
    if (hold != null) {
      hold.countDown();
    }
  }

  /** The URL of a path on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    holds.values().forEach(CountDownLatch::countDown);
    server.stop(0);
  }
}
