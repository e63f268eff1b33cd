package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PinApiTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void base64PinIsCreatedAtOnceAndItsVariantsFollow() throws Exception {
    Users.User user = Users.signUp();
    String board = Pins.board(user.client(), "Colours");
    Api.Response created = Pins.create(user.client(), board, Images.png(800, 600, Color.RED));
    assertThat(created.text("board_id")).isEqualTo(board);
    assertThat(created.text("creative_type")).isEqualTo("REGULAR");
    assertThat(created.json().path("is_owner").asBoolean()).isTrue();
    assertThat(created.json().path("board_owner").path("username").asText())
        .isEqualTo(user.username());
    assertThat(created.json().path("media").path("media_type").asText()).isEqualTo("image");

    JsonNode pin = Pins.awaitSettled(user.client(), created.text("id"));
    assertThat(pin.path("media_status").path("state").asText())
        .as(pin.toString())
        .isEqualTo("ready");
    JsonNode images = pin.path("media").path("images");
    assertThat(images.path("150x150").path("width").asInt()).as(pin.toString()).isEqualTo(150);
    assertThat(images.path("150x150").path("height").asInt()).isEqualTo(150);
    assertThat(images.path("400x300").path("width").asInt()).isEqualTo(400);
    assertThat(images.path("400x300").path("height").asInt()).isEqualTo(300);
    assertThat(images.path("600x").path("width").asInt()).isEqualTo(600);
    assertThat(images.path("600x").path("height").asInt()).isEqualTo(450);
    // Never upscaled: the 800 px original keeps its width in the 1200x variant.
    assertThat(images.path("1200x").path("width").asInt()).isEqualTo(800);
    assertThat(pin.path("dominant_color").asText()).isEqualToIgnoringCase("#FF0000");

    HttpResponse<byte[]> variant = fetch(images.path("400x300").path("url").asText(), null);
    assertThat(variant.statusCode()).isEqualTo(200);
    assertThat(variant.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(variant.headers().firstValue("Cache-Control"))
        .contains("public, max-age=31536000, immutable");
    assertThat(variant.headers().firstValueAsLong("Content-Length"))
        .hasValue(variant.body().length);
    BufferedImage decoded = Images.decode(variant.body());
    assertThat(decoded.getWidth()).isEqualTo(400);
    assertThat(new Color(decoded.getRGB(200, 150)).getRed()).isGreaterThan(200);
    String etag = variant.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("\"");
    assertThat(fetch(images.path("400x300").path("url").asText(), etag).statusCode())
        .isEqualTo(304);
  }

  @Test
  void clientsDominantColorIsKept() {
    Users.User user = Users.signUp();
    String board = Pins.board(user.client(), "Kept colour");
    Api.Response created =
        user.client()
            .post(
                "/v5/pins",
                Map.of(
                    "board_id",
                    board,
                    "dominant_color",
                    "#123456",
                    "media_source",
                    Pins.base64Source(Images.png(50, 50, Color.GREEN))));
    assertThat(created.status()).isEqualTo(201);
    assertThat(Pins.awaitSettled(user.client(), created.text("id")).path("dominant_color").asText())
        .isEqualTo("#123456");
  }

  @Test
  void carouselOfTwoImagesListsBothItems() {
    Users.User user = Users.signUp();
    String board = Pins.board(user.client(), "Carousel");
    Map<String, Object> first =
        Map.of(
            "content_type",
            "image/png",
            "data",
            Images.base64(Images.png(60, 40, Color.RED)),
            "title",
            "one");
    Map<String, Object> second =
        Map.of(
            "content_type",
            "image/png",
            "data",
            Images.base64(Images.png(40, 60, Color.BLUE)),
            "title",
            "two");
    Api.Response created =
        user.client()
            .post(
                "/v5/pins",
                Map.of(
                    "board_id",
                    board,
                    "media_source",
                    Map.of(
                        "source_type", "multiple_image_base64", "items", List.of(first, second))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("creative_type")).isEqualTo("CAROUSEL");
    JsonNode pin = Pins.awaitSettled(user.client(), created.text("id"));
    JsonNode items = pin.path("media").path("items");
    assertThat(pin.path("media").path("media_type").asText()).isEqualTo("multiple_images");
    assertThat(items.size()).isEqualTo(2);
    assertThat(items.get(0).path("title").asText()).isEqualTo("one");
    assertThat(items.get(1).path("images").path("150x150").path("width").asInt()).isEqualTo(150);
  }

  @Test
  void savedPinSharesTheImagesAndSurvivesTheDeletionOfItsSource() throws Exception {
    Users.User author = Users.signUp();
    Users.User saver = Users.signUp();
    String authorBoard = Pins.board(author.client(), "Originals");
    String saverBoard = Pins.board(saver.client(), "Saved");
    String original = Pins.create(author.client(), authorBoard, Color.ORANGE).text("id");
    JsonNode originalPin = Pins.awaitSettled(author.client(), original);

    Api.Response saved =
        saver.client().post("/v5/pins/" + original + "/save", Map.of("board_id", saverBoard));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    assertThat(saved.text("parent_pin_id")).isEqualTo(original);
    assertThat(saved.text("board_id")).isEqualTo(saverBoard);
    assertThat(saved.json().path("media").path("images"))
        .isEqualTo(originalPin.path("media").path("images"));

    assertThat(author.client().delete("/v5/pins/" + original).status()).isEqualTo(204);
    assertThat(author.client().get("/v5/pins/" + original).status()).isEqualTo(404);
    JsonNode survivor = Pins.awaitSettled(saver.client(), saved.text("id"));
    String url = survivor.path("media").path("images").path("600x").path("url").asText();
    assertThat(fetch(url, null).statusCode()).isEqualTo(200);
  }

  @Test
  void pinCountStaysExactUnderFiftyConcurrentSaves() throws Exception {
    Users.User author = Users.signUp();
    Users.User saver = Users.signUp();
    String source =
        Pins.create(author.client(), Pins.board(author.client(), "Source"), Color.CYAN).text("id");
    String target = Pins.board(saver.client(), "Target");
    Api api = saver.client();
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<Integer>> saves =
          java.util.stream.IntStream.range(0, 50)
              .mapToObj(
                  i ->
                      executor.submit(
                          () ->
                              api.post("/v5/pins/" + source + "/save", Map.of("board_id", target))
                                  .status()))
              .toList();
      for (var save : saves) {
        assertThat(save.get()).isEqualTo(201);
      }
    }
    assertThat(api.get("/v5/boards/" + target).json().path("pin_count").asInt()).isEqualTo(50);
    assertThat(api.get("/v5/user_account").json().path("pin_count").asInt()).isEqualTo(50);
  }

  @Test
  void sweepRemovesBytesNoPinUsesButNeverBytesASavedPinStillUses() throws Exception {
    Users.User author = Users.signUp();
    String board = Pins.board(author.client(), "Sweep");
    // Two distinct images: one only the deleted pin used, one a saved pin still uses.
    String lonely = Pins.create(author.client(), board, Images.png(97, 61, Color.PINK)).text("id");
    String shared =
        Pins.create(author.client(), board, Images.png(61, 97, Color.MAGENTA)).text("id");
    String lonelyUrl =
        Pins.awaitSettled(author.client(), lonely)
            .path("media")
            .path("images")
            .path("600x")
            .path("url")
            .asText();
    Pins.awaitSettled(author.client(), shared);
    String saved =
        author.client().post("/v5/pins/" + shared + "/save", Map.of("board_id", board)).text("id");
    String sharedUrl =
        Pins.awaitSettled(author.client(), saved)
            .path("media")
            .path("images")
            .path("600x")
            .path("url")
            .asText();

    assertThat(author.client().delete("/v5/pins/" + lonely).status()).isEqualTo(204);
    assertThat(author.client().delete("/v5/pins/" + shared).status()).isEqualTo(204);
    dev.corkboard.support.TestServer.shared().sweepMedia(java.time.Duration.ZERO);

    assertThat(fetch(lonelyUrl, null).statusCode()).isEqualTo(404);
    assertThat(fetch(sharedUrl, null).statusCode()).isEqualTo(200);
    assertThat(
            author
                .client()
                .get("/v5/pins/" + saved)
                .json()
                .path("media_status")
                .path("state")
                .asText())
        .isEqualTo("ready");
  }

  private static HttpResponse<byte[]> fetch(String url, String ifNoneMatch) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
