package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.media.MediaView;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.json.Json;
import dev.corkboard.support.Specs;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Pin bodies are written once per value and kind of reader, and the wire form follows v5. */
class PinBodiesTest {

  private static final long OWNER = 42;
  private static final long OTHER = 43;

  private final PinBodies bodies = new PinBodies();

  @Test
  void writesAPinOnceForItsOwnerAndOnceForEveryoneElse() throws IOException {
    PinView view = view(pin(1, CreativeType.REGULAR, 0));

    byte[] forOwner = bodies.pin(view, OWNER);
    byte[] forOther = bodies.pin(view, OTHER);

    assertThat(bodies.pin(view, OWNER)).isSameAs(forOwner);
    assertThat(bodies.pin(view, OTHER + 1)).isSameAs(forOther);
    assertThat(Json.parse(forOwner).path("is_owner").asBoolean()).isTrue();
    assertThat(Json.parse(forOther).path("is_owner").asBoolean()).isFalse();
  }

  @Test
  void writesAnEqualValueReadAgainAfresh() {
    Pin pin = pin(1, CreativeType.REGULAR, 0);
    PinView first = view(pin);
    PinView again = view(pin);

    assertThat(again).isEqualTo(first);
    assertThat(bodies.pin(again, OWNER)).isNotSameAs(bodies.pin(first, OWNER));
  }

  @Test
  void writesAPageOfOneOwnersPinsOncePerKindOfReader() throws IOException {
    Page<PinView> page =
        new Page<>(
            List.of(view(pin(2, CreativeType.REGULAR, 0)), view(pin(1, CreativeType.REGULAR, 0))),
            Optional.of("next"));

    byte[] forOther = bodies.page(page, OTHER);

    assertThat(bodies.page(page, OTHER + 1)).isSameAs(forOther);
    JsonNode body = Json.parse(forOther);
    assertThat(body.path("bookmark").asText()).isEqualTo("next");
    assertThat(body.path("items")).hasSize(2);
    assertThat(
            Json.parse(bodies.page(page, OWNER)).path("items").get(0).path("is_owner").asBoolean())
        .isTrue();
  }

  @Test
  void showsTheCollageIdOnlyOnACollagePin() throws IOException {
    JsonNode collage = Json.parse(bodies.pin(view(pin(1, CreativeType.COLLAGE, 77)), OWNER));
    JsonNode regular = Json.parse(bodies.pin(view(pin(2, CreativeType.REGULAR, 0)), OWNER));

    assertThat(collage.path("collage_id").asText()).isEqualTo("77");
    assertThat(collage.path("creative_type").asText()).isEqualTo("COLLAGE");
    assertThat(regular.has("collage_id")).isFalse();
    assertThat(regular.path("board_section_id").isNull()).isTrue();
    assertThat(regular.path("title").isNull()).isTrue();
  }

  @Test
  void knowsEveryCreativeTypeOfPinterestsDescription() throws IOException {
    JsonNode spec =
        Json.parse(java.nio.file.Files.readAllBytes(Specs.BUNDLED_SPEC))
            .path("components")
            .path("schemas")
            .path("CreativeType")
            .path("enum");
    List<String> listed =
        StreamSupport.stream(spec.spliterator(), false).map(JsonNode::asText).toList();

    assertThat(Arrays.stream(CreativeType.values()).map(Enum::name).toList())
        .isNotEmpty()
        .isEqualTo(listed);
  }

  private static Pin pin(long id, CreativeType type, long collageId) {
    return new Pin(
        id,
        OWNER,
        "alice",
        99,
        false,
        0,
        "",
        "a description",
        "",
        "",
        "",
        0,
        type,
        Instant.parse("2026-03-04T05:06:07Z"),
        collageId,
        List.of(new Pin.Item(id, "", "", "")));
  }

  private static PinView view(Pin pin) {
    return new PinView(
        pin,
        List.of(
            new MediaView(
                MediaView.State.READY,
                Optional.empty(),
                Map.of("150x150", new MediaView.Image("http://h/m/150x150.jpg", 150, 150)),
                Optional.of("#aabbcc"),
                Optional.of("ab"))));
  }
}
