package dev.corkboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.ImageServer;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Starts {@code corkboard serve} as a separate process, kills it with SIGKILL (its embedded
 * PostgreSQL is orphaned), and starts it again on the same data directory: every acknowledged write
 * is there, and the orphaned PostgreSQL is stopped rather than blocking the start.
 */
class CrashRestartTest {

  @Test
  void killedServerRestartsOnItsDataDirectoryWithEveryAcknowledgedWrite() throws Exception {
    Path dataDir = TestServer.newDataDir();
    Users.User user;
    List<String> boards = new ArrayList<>();
    Process first = launch(dataDir);
    try {
      Api api = Api.of(baseUrl(first));
      user = Users.signUp(api);
      for (int i = 0; i < 5; i++) {
        Api.Response created = user.client().post("/v5/boards", Map.of("name", "board " + i));
        assertThat(created.status()).isEqualTo(201);
        boards.add(created.text("id"));
      }
    } finally {
      first.destroyForcibly();
      first.waitFor(30, TimeUnit.SECONDS);
    }
    Process second = launch(dataDir);
    try {
      Api api = Api.of(baseUrl(second)).bearer(user.token());
      for (String id : boards) {
        assertThat(api.get("/v5/boards/" + id).status()).isEqualTo(200);
      }
      assertThat(api.get("/v5/user_account").json().path("board_count").asInt()).isEqualTo(5);
    } finally {
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops the server").isTrue();
    }
  }

  @Test
  void imageFetchInterruptedByACrashFinishesAfterTheRestart() throws Exception {
    Path dataDir = TestServer.newDataDir();
    try (ImageServer images = new ImageServer()) {
      String path = "/slow-" + System.nanoTime() + ".png";
      String url = images.serve(path, Images.png(300, 200, java.awt.Color.GREEN));
      images.hold(path);
      Users.User user;
      String pinId;
      Process first = launch(dataDir);
      try {
        user = Users.signUp(Api.of(baseUrl(first)));
        String board = Pins.board(user.client(), "Crash");
        Api.Response created =
            user.client()
                .post(
                    "/v5/pins",
                    Map.of(
                        "board_id",
                        board,
                        "media_source",
                        Map.of("source_type", "image_url", "url", url)));
        assertThat(created.status()).isEqualTo(201);
        pinId = created.text("id");
        images.awaitRequest(path);
      } finally {
        // Killed while the fetch job is in flight.
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
      }
      images.release(path);
      Process second = launch(dataDir);
      try {
        Api api = Api.of(baseUrl(second)).bearer(user.token());
        JsonNode pin = Pins.awaitSettled(api, pinId);
        assertThat(pin.path("media_status").path("state").asText()).isEqualTo("ready");
        assertThat(pin.path("media").path("images").path("150x150").path("width").asInt())
            .isEqualTo(150);
      } finally {
        second.destroy();
        second.waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  private static Process launch(Path dataDir) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString(),
            "--fetch-allow",
            "127.0.0.1/32",
            "--job-lease-seconds",
            "3");
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    return builder.start();
  }

  private static String baseUrl(Process process) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String read;
                while ((read = reader.readLine()) != null) {
                  if (read.startsWith("listening on ")) {
                    return read.substring("listening on ".length()).trim();
                  }
                }
                throw new IllegalStateException("server exited before listening");
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    return line.get(120, TimeUnit.SECONDS);
  }
}
