package dev.corkboard.collage;

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

class CollageApiTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void cutoutIsCutFromAVisiblePinAndServedAsPng() throws Exception {
    Users.User user = Users.signUp();
    String pin = readyPin(user, Color.RED);
    Api.Response cutout =
        user.client()
            .post(
                "/v5/cutouts",
                Map.of(
                    "pin_id",
                    pin,
                    "polygon",
                    List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1))));
    assertThat(cutout.status()).as(cutout.body()).isEqualTo(201);
    assertThat(cutout.text("pin_id")).isEqualTo(pin);
    assertThat(cutout.json().path("width").asInt()).isEqualTo(200);
    assertThat(cutout.json().path("height").asInt()).isEqualTo(100);

    HttpResponse<byte[]> png = raw(user, "/v5/cutouts/" + cutout.text("id") + "/image", null);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
    BufferedImage image = Images.decode(png.body());
    assertThat(new Color(image.getRGB(20, 20), true).getAlpha()).isEqualTo(255);
    assertThat(new Color(image.getRGB(190, 90), true).getAlpha()).isZero();

    Api.Response list = user.client().get("/v5/pins/" + pin + "/cutouts");
    assertThat(Pins.ids(list)).containsExactly(cutout.text("id"));
  }

  @Test
  void badPolygonsAreRefusedNamingTheField() {
    Users.User user = Users.signUp();
    String pin = readyPin(user, Color.RED);
    for (Object polygon :
        List.of(
            List.of(List.of(0, 0), List.of(1, 1)),
            List.of(List.of(0, 0), List.of(1.5, 0), List.of(0, 1)),
            List.of(List.of(0, 0), List.of("a", 0), List.of(0, 1)),
            "square")) {
      Api.Response response =
          user.client().post("/v5/cutouts", Map.of("pin_id", pin, "polygon", polygon));
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.code()).isEqualTo(1);
      assertThat(response.message()).contains("polygon");
    }
    List<List<Double>> tooMany = new java.util.ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(List.of(Math.random(), Math.random()));
    }
    assertThat(
            user.client().post("/v5/cutouts", Map.of("pin_id", pin, "polygon", tooMany)).status())
        .isEqualTo(400);
    Api.Response unknownPin =
        user.client()
            .post(
                "/v5/cutouts",
                Map.of(
                    "pin_id",
                    "123",
                    "polygon",
                    List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1))));
    assertThat(unknownPin.status()).isEqualTo(404);
  }

  @Test
  void collageVersionsNeedIfMatchAndRefuseStaleEdits() {
    Users.User user = Users.signUp();
    Api.Response created = user.client().post("/v5/collages", collage("Draft", List.of()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.text("id");
    String etag = created.headers().firstValue("ETag").orElseThrow();
    assertThat(created.json().path("version").asInt()).isEqualTo(1);

    Api.Response noPrecondition =
        user.client()
            .send("PUT", "/v5/collages/" + id, "application/json", body(collage("x", List.of())));
    assertThat(noPrecondition.status()).isEqualTo(428);

    Api.Response first = put(user, id, etag, collage("First edit", List.of()));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().path("version").asInt()).isEqualTo(2);
    Api.Response stale = put(user, id, etag, collage("Second editor", List.of()));
    assertThat(stale.status()).isEqualTo(412);
    assertThat(user.client().get("/v5/collages/" + id).text("title")).isEqualTo("First edit");
  }

  @Test
  void draftsArePrivateAndReferencesMustBeVisible() {
    Users.User owner = Users.signUp();
    Users.User other = Users.signUp();
    String id = owner.client().post("/v5/collages", collage("Mine", List.of())).text("id");
    assertThat(other.client().get("/v5/collages/" + id).status()).isEqualTo(404);
    assertThat(other.client().get("/v5/collages/" + id + "/image?width=100").status())
        .isEqualTo(404);
    Api.Response unknownCutout =
        owner
            .client()
            .post("/v5/collages", collage("Bad", List.of(item("cutout", "999", 100, 100))));
    assertThat(unknownCutout.status()).isEqualTo(404);
    Api.Response unknownPin =
        owner.client().post("/v5/collages", collage("Bad", List.of(item("pin", "999", 100, 100))));
    assertThat(unknownPin.status()).isEqualTo(404);
  }

  @Test
  void outOfRangeCanvasAndItemsAreRefused() {
    Users.User user = Users.signUp();
    String pin = readyPin(user, Color.BLUE);
    Map<String, Object> smallCanvas =
        Map.of("title", "t", "canvas", Map.of("width", 99, "height", 300), "items", List.of());
    assertThat(user.client().post("/v5/collages", smallCanvas).message()).contains("canvas.width");
    Map<String, Object> badScale = new java.util.HashMap<>(item("pin", pin, 10, 10));
    badScale.put("scale", 21);
    assertThat(user.client().post("/v5/collages", collage("t", List.of(badScale))).message())
        .contains("scale");
    Map<String, Object> badOpacity = new java.util.HashMap<>(item("pin", pin, 10, 10));
    badOpacity.put("opacity", 1.5);
    assertThat(user.client().post("/v5/collages", collage("t", List.of(badOpacity))).message())
        .contains("opacity");
    Map<String, Object> badType = new java.util.HashMap<>(item("pin", pin, 10, 10));
    badType.put("type", "sticker");
    assertThat(user.client().post("/v5/collages", collage("t", List.of(badType))).message())
        .contains("type");
    List<Map<String, Object>> many = new java.util.ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(item("pin", pin, i, i));
    }
    assertThat(user.client().post("/v5/collages", collage("t", many)).message()).contains("items");
    String id = user.client().post("/v5/collages", collage("ok", List.of())).text("id");
    assertThat(user.client().get("/v5/collages/" + id + "/image?width=63").status()).isEqualTo(400);
    assertThat(user.client().get("/v5/collages/" + id + "/image?width=2401").status())
        .isEqualTo(400);
    assertThat(user.client().get("/v5/collages/" + id + "/image?format=gif").status())
        .isEqualTo(400);
  }

  @Test
  void renderIsDeterministicCachedAndShowsItsLayers() throws Exception {
    Users.User user = Users.signUp();
    String pin = readyPin(user, Color.RED);
    String cutout =
        user.client()
            .post(
                "/v5/cutouts",
                Map.of(
                    "pin_id",
                    pin,
                    "polygon",
                    List.of(List.of(0, 0), List.of(1, 0), List.of(1, 1), List.of(0, 1))))
            .text("id");
    String id =
        user.client()
            .post("/v5/collages", collage("Render", List.of(item("cutout", cutout, 200, 150))))
            .text("id");
    HttpResponse<byte[]> first =
        raw(user, "/v5/collages/" + id + "/image?width=400&format=png", null);
    HttpResponse<byte[]> second =
        raw(user, "/v5/collages/" + id + "/image?width=400&format=png", null);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.body()).isEqualTo(first.body());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(raw(user, "/v5/collages/" + id + "/image?width=400&format=png", etag).statusCode())
        .isEqualTo(304);
    BufferedImage image = Images.decode(first.body());
    assertThat(image.getWidth()).isEqualTo(400);
    assertThat(image.getHeight()).isEqualTo(300);
    Color centre = new Color(image.getRGB(200, 150));
    assertThat(centre.getRed()).isGreaterThan(200);
    assertThat(centre.getGreen()).isLessThan(60);
    Color corner = new Color(image.getRGB(5, 5));
    assertThat(corner.getRed()).isGreaterThan(200);
    assertThat(corner.getGreen()).isGreaterThan(200);
    HttpResponse<byte[]> jpeg =
        raw(user, "/v5/collages/" + id + "/image?width=200&format=jpeg", null);
    assertThat(jpeg.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(Images.decode(jpeg.body()).getHeight()).isEqualTo(150);
  }

  @Test
  void publishSnapshotsTheVersionAndRemixKeepsTheCredits() {
    Users.User author = Users.signUp();
    Users.User fan = Users.signUp();
    String pin = readyPin(author, Color.GREEN);
    String cutout =
        author
            .client()
            .post(
                "/v5/cutouts",
                Map.of(
                    "pin_id", pin, "polygon", List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1))))
            .text("id");
    Api.Response created =
        author
            .client()
            .post("/v5/collages", collage("Greens", List.of(item("cutout", cutout, 150, 150))));
    String id = created.text("id");
    String board = Pins.board(author.client(), "Collages");
    Api.Response published =
        author
            .client()
            .post(
                "/v5/collages/" + id + "/publish",
                Map.of("board_id", board, "title", "My collage"));
    assertThat(published.status()).as(published.body()).isEqualTo(201);
    assertThat(published.text("creative_type")).isEqualTo("COLLAGE");
    assertThat(published.text("collage_id")).isEqualTo(id);
    JsonNode pinned = Pins.awaitSettled(author.client(), published.text("id"));
    assertThat(pinned.path("media_status").path("state").asText()).isEqualTo("ready");
    String publishedImage = pinned.path("media").path("images").path("600x").path("url").asText();

    // A later edit changes the draft, not the published pin.
    put(
        author,
        id,
        created.headers().firstValue("ETag").orElseThrow(),
        collage("Edited", List.of()));
    assertThat(
            author
                .client()
                .get("/v5/pins/" + published.text("id"))
                .json()
                .path("media")
                .path("images")
                .path("600x")
                .path("url")
                .asText())
        .isEqualTo(publishedImage);
    Api.Response seenByFan = fan.client().get("/v5/collages/" + id);
    assertThat(seenByFan.status()).isEqualTo(200);
    assertThat(seenByFan.text("title")).isEqualTo("Greens");
    assertThat(seenByFan.json().path("items").size()).isEqualTo(1);

    Api.Response remix = fan.client().post("/v5/collages/" + id + "/remix", Map.of());
    assertThat(remix.status()).as(remix.body()).isEqualTo(201);
    assertThat(remix.text("remixed_from")).isEqualTo(id);
    assertThat(remix.json().path("source_pins").get(0).asText()).isEqualTo(pin);
    assertThat(remix.json().path("items").size()).isEqualTo(1);

    Api.Response travelled = fan.client().get("/v5/pins/" + pin + "/collages");
    assertThat(Pins.ids(travelled)).containsExactly(id);

    Api.Response deleteUsed = author.client().delete("/v5/cutouts/" + cutout);
    assertThat(deleteUsed.status()).isEqualTo(409);
  }

  @Test
  void cutoutOutlivesItsSourcePin() throws Exception {
    Users.User user = Users.signUp();
    String pin = readyPin(user, Color.ORANGE);
    String cutout =
        user.client()
            .post(
                "/v5/cutouts",
                Map.of(
                    "pin_id", pin, "polygon", List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1))))
            .text("id");
    assertThat(user.client().delete("/v5/pins/" + pin).status()).isEqualTo(204);
    dev.corkboard.support.TestServer.shared().sweepMedia(java.time.Duration.ZERO);
    assertThat(raw(user, "/v5/cutouts/" + cutout + "/image", null).statusCode()).isEqualTo(200);
    assertThat(user.client().get("/v5/cutouts/" + cutout).text("pin_id")).isEqualTo(pin);
    assertThat(user.client().delete("/v5/cutouts/" + cutout).status()).isEqualTo(204);
    assertThat(user.client().get("/v5/cutouts/" + cutout).status()).isEqualTo(404);
  }

  @Test
  void piecesTheCallerMayNotSeeAreAnsweredAsUnknown() {
    Users.User owner = Users.signUp();
    Users.User other = Users.signUp();
    Api ownerSecret = owner.client();
    String secretBoard =
        ownerSecret.post("/v5/boards", Map.of("name", "Hidden", "privacy", "SECRET")).text("id");
    String secretPin =
        Pins.create(ownerSecret, secretBoard, Images.png(120, 80, Color.RED)).text("id");
    Pins.awaitSettled(ownerSecret, secretPin);
    List<List<Integer>> triangle = List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1));

    Api.Response foreignCut =
        other.client().post("/v5/cutouts", Map.of("pin_id", secretPin, "polygon", triangle));
    assertThat(foreignCut.status()).isEqualTo(404);
    assertThat(foreignCut.code()).isEqualTo(50);

    String privateCutout =
        ownerSecret
            .post("/v5/cutouts", Map.of("pin_id", secretPin, "polygon", triangle))
            .text("id");
    assertThat(other.client().get("/v5/cutouts/" + privateCutout).status()).isEqualTo(404);
    Api.Response usesPrivateCutout =
        other
            .client()
            .post("/v5/collages", collage("x", List.of(item("cutout", privateCutout, 50, 50))));
    assertThat(usesPrivateCutout.status()).isEqualTo(404);
    assertThat(usesPrivateCutout.message()).contains("items[0]");
    Api.Response usesSecretPin =
        other.client().post("/v5/collages", collage("x", List.of(item("pin", secretPin, 50, 50))));
    assertThat(usesSecretPin.status()).isEqualTo(404);
    assertThat(other.client().delete("/v5/cutouts/" + privateCutout).status()).isEqualTo(404);
  }

  @Test
  void idsBeyondSixtyFourBitsAreRefusedNamingTheField() {
    Users.User user = Users.signUp();
    String tooBig = "9999999999999999999";
    Api.Response cutout =
        user.client()
            .post(
                "/v5/cutouts",
                Map.of(
                    "pin_id",
                    tooBig,
                    "polygon",
                    List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1))));
    assertThat(cutout.status()).isEqualTo(400);
    assertThat(cutout.message()).contains("pin_id");
    Api.Response collage =
        user.client().post("/v5/collages", collage("x", List.of(item("cutout", tooBig, 10, 10))));
    assertThat(collage.status()).isEqualTo(400);
    assertThat(collage.message()).contains("items[0].cutout_id");
    String id = user.client().post("/v5/collages", collage("ok", List.of())).text("id");
    Api.Response publish =
        user.client().post("/v5/collages/" + id + "/publish", Map.of("board_id", tooBig));
    assertThat(publish.status()).isEqualTo(400);
    assertThat(publish.message()).contains("board_id");
  }

  private static String readyPin(Users.User user, Color color) {
    String board = Pins.board(user.client(), "Sources " + System.nanoTime());
    String id = Pins.create(user.client(), board, Images.png(200, 100, color)).text("id");
    Pins.awaitSettled(user.client(), id);
    return id;
  }

  private static Map<String, Object> collage(String title, List<Map<String, Object>> items) {
    return Map.of(
        "title",
        title,
        "canvas",
        Map.of("width", 400, "height", 300, "background_color", "#FFFFFF"),
        "items",
        items);
  }

  private static Map<String, Object> item(String type, String id, double x, double y) {
    return Map.of("type", type, type + "_id", id, "x", x, "y", y);
  }

  private static Api.Response put(Users.User user, String id, String etag, Object body) {
    return user.client()
        .authorization("Bearer " + user.token())
        .sendWithHeader("PUT", "/v5/collages/" + id, "If-Match", etag, body(body));
  }

  private static byte[] body(Object value) {
    return dev.corkboard.platform.json.Json.bytes(value);
  }

  private static HttpResponse<byte[]> raw(Users.User user, String path, String ifNoneMatch)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(dev.corkboard.support.TestServer.shared().baseUrl() + path))
            .header("Authorization", "Bearer " + user.token());
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
