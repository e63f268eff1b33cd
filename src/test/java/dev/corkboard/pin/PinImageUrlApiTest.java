package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.ImageServer;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * image_url pins: fetched in the background from a server inside the test, which the shared test
 * server may reach through its allow-list (127.0.0.1/32 only).
 */
class PinImageUrlApiTest {

  private static final ImageServer IMAGES = new ImageServer();

  @AfterAll
  static void stop() {
    IMAGES.close();
  }

  @Test
  void urlPinExistsAtOnceWhileItsImageIsFetchedThenBecomesReady() {
    Users.User user = Users.signUp();
    String board = Pins.board(user.client(), "Fetched");
    String path = "/held-" + System.nanoTime() + ".png";
    String url = IMAGES.serve(path, Images.png(640, 480, Color.BLUE));
    IMAGES.hold(path);
    Api.Response created = create(user, board, url);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Api.Response early = user.client().get("/v5/pins/" + created.text("id"));
    assertThat(early.status()).isEqualTo(200);
    assertThat(early.json().path("media_status").path("state").asText()).isEqualTo("processing");
    assertThat(early.json().path("media").path("images").isMissingNode()).isTrue();

    IMAGES.release(path);
    JsonNode pin = Pins.awaitSettled(user.client(), created.text("id"));
    assertThat(pin.path("media_status").path("state").asText()).isEqualTo("ready");
    assertThat(pin.path("media").path("images").path("400x300").path("height").asInt())
        .isEqualTo(300);
    assertThat(pin.path("dominant_color").asText()).isEqualToIgnoringCase("#0000FF");
  }

  @Test
  void sameBytesFromAnotherPinAreStoredOnce() {
    Users.User user = Users.signUp();
    String board = Pins.board(user.client(), "Twice");
    byte[] png = Images.png(123, 45, Color.YELLOW);
    String url = IMAGES.serve("/twice-" + System.nanoTime() + ".png", png);
    JsonNode fromUrl = Pins.awaitSettled(user.client(), create(user, board, url).text("id"));
    JsonNode fromBase64 =
        Pins.awaitSettled(user.client(), Pins.create(user.client(), board, png).text("id"));
    assertThat(fromUrl.path("media").path("images"))
        .isEqualTo(fromBase64.path("media").path("images"));
  }

  @Test
  void refusedAddressFailsThePinsMediaWithTheReason() {
    Users.User user = Users.signUp();
    String board = Pins.board(user.client(), "Refused");
    // 127.0.0.2 is loopback too, but outside the allow-list: the fetcher must refuse it.
    String url = "http://127.0.0.2:" + IMAGES.port() + "/x.png";
    JsonNode pin = Pins.awaitSettled(user.client(), create(user, board, url).text("id"));
    assertThat(pin.path("media_status").path("state").asText()).isEqualTo("failed");
    assertThat(pin.path("media_status").path("reason").asText()).containsIgnoringCase("address");
  }

  @Test
  void missingImageAndNonImageFailWithAReason() {
    Users.User user = Users.signUp();
    String board = Pins.board(user.client(), "Broken");
    JsonNode missing =
        Pins.awaitSettled(
            user.client(), create(user, board, IMAGES.url("/nothing-here")).text("id"));
    assertThat(missing.path("media_status").path("state").asText()).isEqualTo("failed");
    assertThat(missing.path("media_status").path("reason").asText()).contains("404");

    String text = IMAGES.serve("/text-" + System.nanoTime(), "hello".getBytes());
    JsonNode notImage = Pins.awaitSettled(user.client(), create(user, board, text).text("id"));
    assertThat(notImage.path("media_status").path("state").asText()).isEqualTo("failed");
    assertThat(notImage.path("media_status").path("reason").asText()).containsIgnoringCase("image");
  }

  private static Api.Response create(Users.User user, String board, String url) {
    return user.client()
        .post(
            "/v5/pins",
            Map.of(
                "board_id", board, "media_source", Map.of("source_type", "image_url", "url", url)));
  }
}
