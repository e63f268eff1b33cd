package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.media.MediaView;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.json.Json;
import dev.corkboard.support.Specs;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
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

    byte[] forOwner = bodies.pin(view, caller(OWNER));
    byte[] forOther = bodies.pin(view, caller(OTHER));

    assertThat(bodies.pin(view, caller(OWNER))).isSameAs(forOwner);
    assertThat(bodies.pin(view, caller(OTHER + 1))).isSameAs(forOther);
    assertThat(Json.parse(forOwner).path("is_owner").asBoolean()).isTrue();
    assertThat(Json.parse(forOther).path("is_owner").asBoolean()).isFalse();
  }

  @Test
  void writesAnEqualValueReadAgainAfresh() {
    Pin pin = pin(1, CreativeType.REGULAR, 0);
    PinView first = view(pin);
    PinView again = view(pin);

    assertThat(again).isEqualTo(first);
    assertThat(bodies.pin(again, caller(OWNER))).isNotSameAs(bodies.pin(first, caller(OWNER)));
  }

  @Test
  void writesAPageOfOneOwnersPinsOncePerKindOfReader() throws IOException {
    Page<PinView> page =
        new Page<>(
            List.of(view(pin(2, CreativeType.REGULAR, 0)), view(pin(1, CreativeType.REGULAR, 0))),
            Optional.of("next"));

    byte[] forOther = bodies.page(page, caller(OTHER));

    assertThat(bodies.page(page, caller(OTHER + 1))).isSameAs(forOther);
    JsonNode body = Json.parse(forOther);
    assertThat(body.path("bookmark").asText()).isEqualTo("next");
    assertThat(body.path("items")).hasSize(2);
    assertThat(
            Json.parse(bodies.page(page, caller(OWNER)))
                .path("items")
                .get(0)
                .path("is_owner")
                .asBoolean())
        .isTrue();
  }

  @Test
  void showsTheCollageIdOnlyOnACollagePin() throws IOException {
    JsonNode collage =
        Json.parse(bodies.pin(view(pin(1, CreativeType.COLLAGE, 77)), caller(OWNER)));
    JsonNode regular = Json.parse(bodies.pin(view(pin(2, CreativeType.REGULAR, 0)), caller(OWNER)));

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

  @Test
  void showsTheParentOfASaveOfASecretPinOnlyToWhoSeesThatPinAndRemembersNoBody()
      throws IOException {
    PinView save =
        view(saveOf(7, new dev.corkboard.platform.api.AccessPolicy.Guarded(OWNER, true)));

    JsonNode forOther = Json.parse(bodies.pin(save, caller(OTHER)));
    Principal ownerWithoutSecretPins =
        new Principal(OWNER, EnumSet.complementOf(EnumSet.of(Scope.PINS_READ_SECRET)), 1);
    JsonNode forOwnerWithout = Json.parse(bodies.pin(save, ownerWithoutSecretPins));
    JsonNode forOwner = Json.parse(bodies.pin(save, caller(OWNER)));

    assertThat(forOther.path("parent_pin_id").isNull()).isTrue();
    assertThat(forOwnerWithout.path("parent_pin_id").isNull()).isTrue();
    assertThat(forOwner.path("parent_pin_id").asText()).isEqualTo("7");
    Page<PinView> page = new Page<>(List.of(save), Optional.empty());
    assertThat(
            Json.parse(bodies.page(page, caller(OWNER)))
                .path("items")
                .get(0)
                .path("parent_pin_id")
                .asText())
        .isEqualTo("7");
    assertThat(
            Json.parse(bodies.page(page, ownerWithoutSecretPins))
                .path("items")
                .get(0)
                .path("parent_pin_id")
                .isNull())
        .isTrue();
  }

  @Test
  void showsTheParentOfASaveOfAPublicPinToEveryone() throws IOException {
    PinView save =
        view(saveOf(7, new dev.corkboard.platform.api.AccessPolicy.Guarded(OTHER, false)));

    assertThat(Json.parse(bodies.pin(save, caller(OTHER + 1))).path("parent_pin_id").asText())
        .isEqualTo("7");
  }

  @Test
  void streamsPinsAndPagesByteForByteAsTheMapperWritesTheirRecords() {
    MediaView processing =
        new MediaView(
            MediaView.State.PROCESSING,
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            Optional.empty());
    MediaView failed =
        new MediaView(
            MediaView.State.FAILED,
            Optional.of("too \"small\""),
            Map.of(),
            Optional.empty(),
            Optional.empty());
    Pin carousel =
        new Pin(
            5,
            OWNER,
            "alice",
            99,
            false,
            12,
            "a title",
            "",
            "https://example.com/\u00e9",
            "alt",
            "#010203",
            7,
            new dev.corkboard.platform.api.AccessPolicy.Guarded(OTHER, false),
            CreativeType.CAROUSEL,
            Instant.parse("2026-03-04T05:06:07.123456Z"),
            0,
            List.of(new Pin.Item(1, "one", "", "https://a"), new Pin.Item(2, "", "two", "")),
            0,
            "",
            false,
            dev.corkboard.platform.api.Members.NONE);
    List<PinView> views =
        List.of(
            view(pin(1, CreativeType.REGULAR, 0)),
            view(pin(2, CreativeType.COLLAGE, 77)),
            new PinView(pin(3, CreativeType.REGULAR, 0), List.of(processing), Instant.MAX),
            new PinView(pin(4, CreativeType.REGULAR, 0), List.of(), Instant.MAX),
            new PinView(carousel, List.of(view(carousel).media().getFirst(), failed), Instant.MAX));

    for (PinView view : views) {
      for (Principal caller : List.of(caller(OWNER), caller(OTHER))) {
        PinJson json = PinJson.of(view, caller);
        assertThat(new String(PinJson.bytes(json), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(new String(Json.bytes(json), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    List<PinJson> items = views.stream().map(v -> PinJson.of(v, caller(OTHER))).toList();
    for (Optional<String> bookmark : List.of(Optional.of("next"), Optional.<String>empty())) {
      assertThat(PinJson.pageBytes(items, bookmark.orElse(null)))
          .isEqualTo(Json.bytes(Json.page(new Page<>(items, bookmark))));
    }
  }

  @Test
  void aJoinedPageReadsByteForByteAsAWrittenOneAndReusesEachPinsBody() {
    PinView hot = view(pin(1, CreativeType.REGULAR, 0));
    PinView secretParent =
        view(saveOf(7, new dev.corkboard.platform.api.AccessPolicy.Guarded(OTHER, true)));
    PinView carousel = view(pin(3, CreativeType.CAROUSEL, 0));
    for (Optional<String> bookmark : List.of(Optional.of("a\"b"), Optional.<String>empty())) {
      Page<PinView> page = new Page<>(List.of(hot, secretParent, carousel), bookmark);
      for (long reader : new long[] {OWNER, OTHER}) {
        assertThat(bodies.joined(page, caller(reader)))
            .isEqualTo(PinBodies.pageOnce(page, caller(reader)));
      }
    }
    assertThat(bodies.joined(new Page<>(List.of(), Optional.empty()), caller(OWNER)))
        .isEqualTo(PinBodies.pageOnce(new Page<>(List.of(), Optional.empty()), caller(OWNER)));
    // The pin's body joined into the pages is the one remembered for it.
    byte[] remembered = bodies.pin(hot, caller(OTHER));
    assertThat(bodies.pin(hot, caller(OTHER))).isSameAs(remembered);
  }

  @Test
  void aKeptPageIsJoinedOnceForEveryReaderWhoOwnsNoneOfItsPinsAndSeesNoneOfTheirSecretParents()
      throws IOException {
    PinView hot = view(pin(1, CreativeType.REGULAR, 0));
    PinView secretParent =
        view(saveOf(7, new dev.corkboard.platform.api.AccessPolicy.Guarded(OTHER, true)));
    Page<PinView> page = new Page<>(List.of(hot, secretParent), Optional.of("next"));

    byte[] first = bodies.joinedKept(page, caller(44));
    assertThat(first).isEqualTo(PinBodies.pageOnce(page, caller(44)));
    assertThat(bodies.joinedKept(page, caller(45))).isSameAs(first);
    byte[] seesParent = bodies.joinedKept(page, caller(OTHER));
    assertThat(seesParent).isEqualTo(PinBodies.pageOnce(page, caller(OTHER)));
    assertThat(Json.parse(seesParent).path("items").get(1).path("parent_pin_id").asText())
        .isEqualTo("7");
    assertThat(Json.parse(first).path("items").get(1).path("parent_pin_id").isNull()).isTrue();
    byte[] owner = bodies.joinedKept(page, caller(OWNER));
    assertThat(owner).isEqualTo(PinBodies.pageOnce(page, caller(OWNER)));
    assertThat(Json.parse(owner).path("items").get(0).path("is_owner").asBoolean()).isTrue();
    assertThat(bodies.joinedKept(page, caller(44))).isSameAs(first);
  }

  private static Principal caller(long account) {
    return new Principal(account, EnumSet.allOf(Scope.class), 1);
  }

  private static Pin saveOf(long parentId, dev.corkboard.platform.api.AccessPolicy.Guarded parent) {
    Pin pin = pin(8, CreativeType.REGULAR, 0);
    return new Pin(
        pin.id(),
        pin.ownerId(),
        pin.ownerUsername(),
        pin.boardId(),
        false,
        0,
        "",
        "",
        "",
        "",
        "",
        parentId,
        parent,
        CreativeType.REGULAR,
        pin.createdAt(),
        0,
        pin.items(),
        0,
        "",
        false,
        dev.corkboard.platform.api.Members.NONE);
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
        Pin.NO_PARENT,
        type,
        Instant.parse("2026-03-04T05:06:07Z"),
        collageId,
        List.of(new Pin.Item(id, "", "", "")),
        0,
        "",
        false,
        dev.corkboard.platform.api.Members.NONE);
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
                Optional.of("ab"))),
        Instant.MAX);
  }
}
