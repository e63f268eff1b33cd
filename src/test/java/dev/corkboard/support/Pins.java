package dev.corkboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Named fixture factories for pins, through the public v5 API. */
public final class Pins {

  private Pins() {}

  /** A public board of the user's, by id. */
  public static String board(Api api, String name) {
    Api.Response created = api.post("/v5/boards", Map.of("name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** A board of the user's with a privacy of PUBLIC, PROTECTED or SECRET, by id. */
  public static String board(Api api, String name, String privacy) {
    Api.Response created = api.post("/v5/boards", Map.of("name", name, "privacy", privacy));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** A section of the board, by id. */
  public static String section(Api api, String boardId, String name) {
    Api.Response created = api.post("/v5/boards/" + boardId + "/sections", Map.of("name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** Creates a pin of a small PNG in a section of the board and answers its id. */
  public static String createInSection(Api api, String boardId, String sectionId) {
    Api.Response created =
        api.post(
            "/v5/pins",
            Map.of(
                "board_id",
                boardId,
                "board_section_id",
                sectionId,
                "media_source",
                base64Source(Images.png(16, 16, Color.GRAY))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** Creates a carousel of two small PNGs on the board and answers its id. */
  public static String createCarousel(Api api, String boardId) {
    Map<String, Object> item =
        Map.of("content_type", "image/png", "data", Images.base64(Images.png(16, 16, Color.RED)));
    Api.Response created =
        api.post(
            "/v5/pins",
            Map.of(
                "board_id",
                boardId,
                "media_source",
                Map.of("source_type", "multiple_image_base64", "items", List.of(item, item))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** Saves the pin onto the board and answers the new pin's id. */
  public static String save(Api api, String pinId, String boardId) {
    Api.Response saved = api.post("/v5/pins/" + pinId + "/save", Map.of("board_id", boardId));
    assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    return saved.text("id");
  }

  /** Cuts a triangle out of a pin's ready image and answers the cutout's id. */
  public static String cutout(Api api, String pinId) {
    Api.Response cut =
        api.post(
            "/v5/cutouts",
            Map.of(
                "pin_id", pinId, "polygon", List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1))));
    assertThat(cut.status()).as(cut.body()).isEqualTo(201);
    return cut.text("id");
  }

  /** The media_source of one base64 PNG. */
  public static Map<String, Object> base64Source(byte[] png) {
    return Map.of(
        "source_type", "image_base64", "content_type", "image/png", "data", Images.base64(png));
  }

  /** Creates a pin of a solid-colour PNG on the board and answers the created pin. */
  public static Api.Response create(Api api, String boardId, Color color) {
    return create(api, boardId, Images.png(320, 240, color));
  }

  /** Creates a pin of the PNG bytes on the board and answers the created pin. */
  public static Api.Response create(Api api, String boardId, byte[] png) {
    Api.Response created =
        api.post(
            "/v5/pins",
            Map.of("board_id", boardId, "title", "A pin", "media_source", base64Source(png)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created;
  }

  /** Polls the pin until its media are no longer processing, and answers it. */
  public static JsonNode awaitSettled(Api api, String pinId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Api.Response pin = api.get("/v5/pins/" + pinId);
      assertThat(pin.status()).as(pin.body()).isEqualTo(200);
      String state = pin.json().path("media_status").path("state").asText();
      if (!state.equals("processing")) {
        return pin.json();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("pin " + pinId + " still processing after 60 s: " + pin.body());
      }
      Waits.sleep(100);
    }
  }

  /** The ids of a list page's items. */
  public static List<String> ids(Api.Response page) {
    return page.json().path("items").findValuesAsText("id").stream().toList();
  }
}
