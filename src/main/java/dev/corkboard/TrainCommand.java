package dev.corkboard;

import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;

/**
 * {@code corkboard train}: starts the server once on a scratch data directory and sends it the
 * requests of a short session (sign up, a token, a board, a pin with an image, its lists), then
 * stops. The launcher runs it once per build under {@code -XX:AOTCacheOutput}, so the JVM records
 * the classes a server loads and links, and later starts take them from that cache.
 */
@Command(
    name = "train",
    hidden = true,
    mixinStandardHelpOptions = true,
    description = "Run a short session against a scratch server, to record the class cache.")
final class TrainCommand implements Callable<Integer> {

  private static final String PASSWORD = "training session";

  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public Integer call() throws Exception {
    Path scratch = Files.createTempDirectory("corkboard-train-");
    try (Application app =
        Application.start(new ServerConfig("127.0.0.1", 0, scratch, Optional.empty(), true, 4))) {
      session(app.baseUrl());
    } finally {
      delete(scratch);
    }
    return 0;
  }

  /** The requests of a short session, each checked so that a broken server fails the training. */
  private void session(String base) throws IOException, InterruptedException {
    post(base, "/v5/accounts", "", Map.of("username", "trainer", "password", PASSWORD));
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("trainer:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    String token =
        post(
                base,
                "/v5/tokens",
                basic,
                Map.of(
                    "name",
                    "training",
                    "scopes",
                    List.of("boards:read", "boards:write", "pins:read", "pins:write")))
            .path("access_token")
            .asText();
    String bearer = "Bearer " + token;
    String board = post(base, "/v5/boards", bearer, Map.of("name", "Training")).path("id").asText();
    String pin =
        post(
                base,
                "/v5/pins",
                bearer,
                Map.of(
                    "board_id",
                    board,
                    "media_source",
                    Map.of(
                        "source_type",
                        "image_base64",
                        "content_type",
                        "image/png",
                        "data",
                        Base64.getEncoder().encodeToString(png()))))
            .path("id")
            .asText();
    for (int round = 0; round < 20; round++) {
      get(base, "/v5/pins/" + pin, bearer);
      get(base, "/v5/boards/" + board + "/pins", bearer);
      get(base, "/v5/boards", bearer);
      get(base, "/v5/pins", bearer);
    }
    post(base, "/v5/pins/" + pin + "/save", bearer, Map.of("board_id", board));
  }

  private com.fasterxml.jackson.databind.JsonNode get(
      String base, String path, String authorization) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", authorization)
            .GET(),
        "GET " + path);
  }

  /** A POST with a JSON body; {@code authorization} may be empty for none. */
  private com.fasterxml.jackson.databind.JsonNode post(
      String base, String path, String authorization, Object body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    return send(request, "POST " + path);
  }

  private com.fasterxml.jackson.databind.JsonNode send(HttpRequest.Builder request, String what)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> answer =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (answer.statusCode() >= 300) {
      throw new IllegalStateException(
          "training request " + what + " answered " + answer.statusCode());
    }
    return Json.parseTrusted(answer.body());
  }

  private static byte[] png() {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x80);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
