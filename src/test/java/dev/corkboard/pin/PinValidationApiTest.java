package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What pin writes refuse: every malformed field is a 400 with code 1 and a message naming the
 * field, never a 500; boards and sections the caller may not use are 403 or 404.
 */
class PinValidationApiTest {

  private static Users.User alice;
  private static String board;

  @BeforeAll
  static void signUp() {
    alice = Users.signUp();
    board = Pins.board(alice.client(), "Valid target");
  }

  /** A create body that the server accepts, changed by {@code change}. */
  private static Map<String, Object> createBody(Consumer<Map<String, Object>> change) {
    Map<String, Object> body = new HashMap<>();
    body.put("board_id", board);
    body.put("title", "A pin");
    body.put("media_source", Pins.base64Source(tinyPng()));
    change.accept(body);
    return body;
  }

  private static Map<String, Object> source(Object... keysAndValues) {
    Map<String, Object> source = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      source.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return source;
  }

  private static List<Map<String, Object>> carouselItems(int count) {
    Map<String, Object> item = source("content_type", "image/png", "data", tinyPngBase64());
    return Stream.generate(() -> item).limit(count).toList();
  }

  private static byte[] tinyPng() {
    return Images.png(8, 8, Color.GREEN);
  }

  private static String tinyPngBase64() {
    return Images.base64(tinyPng());
  }

  static Stream<Arguments> invalidCreateBodies() {
    return Stream.of(
        invalid("missing board_id", "board_id", b -> b.remove("board_id")),
        invalid("non-numeric board_id", "board_id", b -> b.put("board_id", "abc")),
        invalid("missing media_source", "media_source", b -> b.remove("media_source")),
        invalid(
            "video_id source",
            "video_id",
            b -> b.put("media_source", source("source_type", "video_id", "media_id", "123"))),
        invalid(
            "pin_url source",
            "pin_url",
            b ->
                b.put(
                    "media_source",
                    source("source_type", "pin_url", "url", "https://example.com/pin/1"))),
        invalid(
            "image_url without url",
            "media_source.url",
            b -> b.put("media_source", source("source_type", "image_url"))),
        invalid(
            "image_url with ftp",
            "media_source.url",
            b ->
                b.put(
                    "media_source",
                    source("source_type", "image_url", "url", "ftp://127.0.0.1/a.png"))),
        invalid(
            "image_url relative",
            "media_source.url",
            b -> b.put("media_source", source("source_type", "image_url", "url", "/images/a.png"))),
        invalid(
            "bad base64",
            "media_source.data",
            b ->
                b.put(
                    "media_source",
                    source(
                        "source_type",
                        "image_base64",
                        "content_type",
                        "image/png",
                        "data",
                        "!!not base64!!"))),
        invalid(
            "base64 of no image",
            "media_source.data",
            b ->
                b.put(
                    "media_source",
                    source(
                        "source_type",
                        "image_base64",
                        "content_type",
                        "image/png",
                        "data",
                        Images.base64("just some text".getBytes(StandardCharsets.UTF_8))))),
        invalid(
            "base64 of a truncated PNG",
            "media_source.data",
            b -> {
              byte[] png = tinyPng();
              byte[] truncated = java.util.Arrays.copyOf(png, png.length / 2);
              b.put(
                  "media_source",
                  source(
                      "source_type",
                      "image_base64",
                      "content_type",
                      "image/png",
                      "data",
                      Images.base64(truncated)));
            }),
        invalid(
            "gif content type",
            "media_source.content_type",
            b ->
                b.put(
                    "media_source",
                    source(
                        "source_type",
                        "image_base64",
                        "content_type",
                        "image/gif",
                        "data",
                        Images.base64(Images.encode(Images.solid(8, 8, Color.RED), "gif"))))),
        invalid(
            "carousel of one",
            "media_source.items",
            b ->
                b.put(
                    "media_source",
                    source("source_type", "multiple_image_base64", "items", carouselItems(1)))),
        invalid(
            "carousel of six",
            "media_source.items",
            b ->
                b.put(
                    "media_source",
                    source("source_type", "multiple_image_base64", "items", carouselItems(6)))),
        invalid(
            "carousel item title of 101",
            "media_source.items[1].title",
            b -> {
              List<Map<String, Object>> items = new java.util.ArrayList<>(carouselItems(2));
              Map<String, Object> second = new HashMap<>(items.get(1));
              second.put("title", "t".repeat(101));
              items.set(1, second);
              b.put("media_source", source("source_type", "multiple_image_base64", "items", items));
            }),
        invalid(
            "carousel item with javascript link",
            "media_source.items[0].link",
            b -> {
              List<Map<String, Object>> items = new java.util.ArrayList<>(carouselItems(2));
              Map<String, Object> first = new HashMap<>(items.get(0));
              first.put("link", "javascript:alert(1)");
              items.set(0, first);
              b.put("media_source", source("source_type", "multiple_image_base64", "items", items));
            }),
        invalid(
            "carousel item url relative",
            "media_source.items[0].url",
            b ->
                b.put(
                    "media_source",
                    source(
                        "source_type",
                        "multiple_image_urls",
                        "items",
                        List.of(
                            Map.of("url", "/a.png"), Map.of("url", "http://127.0.0.1/b.png"))))),
        invalid("title of 101", "title", b -> b.put("title", "t".repeat(101))),
        invalid("description of 801", "description", b -> b.put("description", "d".repeat(801))),
        invalid("alt_text of 501", "alt_text", b -> b.put("alt_text", "a".repeat(501))),
        invalid("link of 2049", "link", b -> b.put("link", longUrl(2049))),
        invalid("javascript link", "link", b -> b.put("link", "javascript:alert(1)")),
        invalid("link that is no url", "link", b -> b.put("link", "not a url")),
        invalid("dominant_color red", "dominant_color", b -> b.put("dominant_color", "red")),
        invalid(
            "dominant_color of five digits",
            "dominant_color",
            b -> b.put("dominant_color", "#12345")));
  }

  private static Arguments invalid(String name, String field, Consumer<Map<String, Object>> c) {
    return Arguments.of(name, field, c);
  }

  /** An absolute https URL of exactly {@code length} characters. */
  private static String longUrl(int length) {
    String prefix = "https://example.com/";
    return prefix + "p".repeat(length - prefix.length());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCreateBodies")
  void createRefusesAnInvalidFieldWithCode1NamingTheField(
      String name, String field, Consumer<Map<String, Object>> change) {
    int before = pinCount();

    Api.Response response = alice.client().post("/v5/pins", createBody(change));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains(field);
    assertThat(pinCount()).as("pins on the board after a refused create").isEqualTo(before);
  }

  @Test
  void createAcceptsEveryTextAtItsLongestLength() {
    String link = longUrl(2048);
    Api.Response created =
        alice
            .client()
            .post(
                "/v5/pins",
                createBody(
                    b -> {
                      b.put("title", "t".repeat(100));
                      b.put("description", "d".repeat(800));
                      b.put("alt_text", "a".repeat(500));
                      b.put("link", link);
                    }));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("title")).hasSize(100);
    assertThat(created.text("description")).hasSize(800);
    assertThat(created.text("alt_text")).hasSize(500);
    assertThat(created.text("link")).isEqualTo(link);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "[]",
        "{\"board_id\": ",
        "{\"board_id\": 123, \"media_source\": {}}",
        "{\"board_id\": \"0\"}",
        "{\"board_id\": \"9999999999999999999\"}",
        "{\"board_id\": \"99999999999999999999\"}",
        "{\"board_id\": \"%s\", \"board_section_id\": \"9999999999999999999\"}",
        "{\"board_id\": \"%s\", \"board_section_id\": \"x\"}",
        "{\"board_id\": \"%s\", \"media_source\": \"image\"}",
        "{\"board_id\": \"%s\", \"media_source\": null}",
        "{\"board_id\": \"%s\", \"media_source\": {}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": 5}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": \"image_url\", \"url\": 5}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": \"image_url\","
            + " \"url\": \"http://\"}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": \"image_base64\","
            + " \"content_type\": \"image/png\", \"data\": 5}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": \"image_base64\","
            + " \"content_type\": \"image/png\", \"data\": \"\"}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": \"multiple_image_urls\","
            + " \"items\": \"x\"}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": \"multiple_image_urls\","
            + " \"items\": [1, 2]}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": \"multiple_image_urls\","
            + " \"items\": [{}, {}]}}",
        "{\"board_id\": \"%s\", \"media_source\": {\"source_type\": \"multiple_image_urls\","
            + " \"items\": [{\"url\": \"http://127.0.0.1/a.png\", \"title\": 5},"
            + " {\"url\": \"http://127.0.0.1/b.png\"}]}}",
        "{\"board_id\": \"%s\", \"title\": 5}",
        "{\"board_id\": \"%s\", \"link\": 5}",
        "{\"board_id\": \"%s\", \"link\": \"http://exa mple.com\"}",
        "{\"board_id\": \"%s\", \"dominant_color\": 5}",
        "{\"board_id\": \"%s\", \"title\": \"nul \\u0000 inside\"}"
      })
  void createAnswersMalformedBodiesWith400NeverA500(String template) {
    String body = template.formatted(board);

    Api.Response response =
        alice
            .client()
            .send("POST", "/v5/pins", "application/json", body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
  }

  @Test
  void updateRefusesATitleOf101Characters() {
    String pin = Pins.create(alice.client(), board, tinyPng()).text("id");

    Api.Response response =
        alice.client().patch("/v5/pins/" + pin, Map.of("title", "t".repeat(101)));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("title");
    assertThat(alice.client().get("/v5/pins/" + pin).text("title")).isEqualTo("A pin");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"link\": \"javascript:alert(1)\"}",
        "{\"board_id\": \"abc\"}",
        "{\"board_id\": null}",
        "{\"board_id\": \"9999999999999999999\"}",
        "{\"board_section_id\": \"abc\"}",
        "{\"description\": 5}"
      })
  void updateAnswersMalformedBodiesWith400(String body) {
    String pin = Pins.create(alice.client(), board, tinyPng()).text("id");

    Api.Response response =
        alice
            .client()
            .send(
                "PATCH",
                "/v5/pins/" + pin,
                "application/json",
                body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"board_id\": null}", "{\"board_section_id\": \"1\"}"})
  void saveWithoutBoardIdIsRefusedNamingTheField(String body) {
    String pin = Pins.create(alice.client(), board, tinyPng()).text("id");

    Api.Response response =
        alice
            .client()
            .send(
                "POST",
                "/v5/pins/" + pin + "/save",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("board_id");
  }

  @Test
  void sectionOfAnotherBoardIsNotFoundOnCreateAndSave() {
    String other = Pins.board(alice.client(), "Other " + System.nanoTime());
    String foreignSection = Pins.section(alice.client(), other, "Elsewhere");
    String pin = Pins.create(alice.client(), board, tinyPng()).text("id");
    int before = pinCount();

    Api.Response created =
        alice.client().post("/v5/pins", createBody(b -> b.put("board_section_id", foreignSection)));
    Api.Response saved =
        alice
            .client()
            .post(
                "/v5/pins/" + pin + "/save",
                Map.of("board_id", board, "board_section_id", foreignSection));

    assertThat(created.status()).as(created.body()).isEqualTo(404);
    assertThat(created.code()).isEqualTo(40);
    assertThat(saved.status()).as(saved.body()).isEqualTo(404);
    assertThat(saved.code()).isEqualTo(40);
    assertThat(pinCount()).isEqualTo(before);
  }

  @Test
  void publicBoardOfAnotherUserIsForbiddenOnCreateSaveAndMove() {
    Users.User bob = Users.signUp();
    String bobsBoard = Pins.board(bob.client(), "Bob's");
    String pin = Pins.create(alice.client(), board, tinyPng()).text("id");

    Api.Response created =
        alice.client().post("/v5/pins", createBody(b -> b.put("board_id", bobsBoard)));
    Api.Response saved =
        alice.client().post("/v5/pins/" + pin + "/save", Map.of("board_id", bobsBoard));
    Api.Response moved = alice.client().patch("/v5/pins/" + pin, Map.of("board_id", bobsBoard));

    for (Api.Response answer : List.of(created, saved, moved)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      assertThat(answer.code()).isEqualTo(29);
    }
    assertThat(alice.client().get("/v5/pins/" + pin).text("board_id")).isEqualTo(board);
    assertThat(bob.client().get("/v5/boards/" + bobsBoard).json().path("pin_count").asInt())
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void hiddenBoardOfAnotherUserIsNotFoundOnCreateSaveAndMove(String privacy) {
    Users.User bob = Users.signUp();
    String bobsBoard = Pins.board(bob.client(), "Bob's hidden", privacy);
    String pin = Pins.create(alice.client(), board, tinyPng()).text("id");

    Api.Response created =
        alice.client().post("/v5/pins", createBody(b -> b.put("board_id", bobsBoard)));
    Api.Response saved =
        alice.client().post("/v5/pins/" + pin + "/save", Map.of("board_id", bobsBoard));
    Api.Response moved = alice.client().patch("/v5/pins/" + pin, Map.of("board_id", bobsBoard));

    for (Api.Response answer : List.of(created, saved, moved)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(404);
      assertThat(answer.code()).isEqualTo(40);
    }
    assertThat(alice.client().get("/v5/pins/" + pin).text("board_id")).isEqualTo(board);
    assertThat(bob.client().get("/v5/boards/" + bobsBoard).json().path("pin_count").asInt())
        .isZero();
  }

  private static int pinCount() {
    Api.Response account = alice.client().get("/v5/user_account");
    assertThat(account.status()).as(account.body()).isEqualTo(200);
    return account.json().path("pin_count").asInt();
  }
}
