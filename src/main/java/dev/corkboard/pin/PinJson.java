package dev.corkboard.pin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.corkboard.media.MediaView;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The v5 {@code Pin} wire form, with Corkboard's extensions {@code collage_id} (on a published
 * collage only) and {@code media_status}. Text a pin leaves empty is written as null, as v5 does. A
 * record like the other wire forms, on the benchmark's hot path too: a cached pin is written once
 * per kind of reader ({@link PinBodies}), and pins and pages are streamed from the record by {@link
 * #bytes} and {@link #pageBytes}, exactly as the mapper would write it but without its reflection.
 *
 * @param id the pin id
 * @param createdAt when it was made, RFC 3339
 * @param link its link, or null
 * @param title its title, or null
 * @param description its description, or null
 * @param altText its alternative text, or null
 * @param dominantColor the colour its creator gave, else the first computed one, or null
 * @param boardId its board
 * @param boardSectionId its section, or null
 * @param boardOwner the owner of its board
 * @param isOwner whether the caller owns it
 * @param isStandard always true: every pin here is a standard pin
 * @param hasBeenPromoted always false: nothing here is promoted
 * @param creativeType its creative type
 * @param parentPinId the pin it was saved from, or null
 * @param pinMetrics always null: no metrics are kept
 * @param collageId the collage it was published from; left out of other pins
 * @param pinner who put it on its board when that is a collaborator; left out of the board owner's
 *     own pins
 * @param media its images
 * @param mediaStatus how far processing its images has come
 */
public record PinJson(
    String id,
    String createdAt,
    @Nullable String link,
    @Nullable String title,
    @Nullable String description,
    @Nullable String altText,
    @Nullable String dominantColor,
    String boardId,
    @Nullable String boardSectionId,
    BoardOwner boardOwner,
    boolean isOwner,
    boolean isStandard,
    boolean hasBeenPromoted,
    CreativeType creativeType,
    @Nullable String parentPinId,
    @Nullable Object pinMetrics,
    @JsonInclude(Include.NON_NULL) @Nullable String collageId,
    @JsonInclude(Include.NON_NULL) @Nullable BoardOwner pinner,
    PinMedia media,
    MediaStatus mediaStatus) {

  /**
   * The body of a pin as the caller sees it: {@code is_owner} says whether they own it, and {@code
   * parent_pin_id} names the pin it was saved from only when they may see that pin.
   */
  public static PinJson of(PinView view, Principal caller) {
    Pin pin = view.pin();
    return new PinJson(
        Long.toString(pin.id()),
        Json.timestamp(pin.createdAt()),
        nullIfEmpty(pin.link()),
        nullIfEmpty(pin.title()),
        nullIfEmpty(pin.description()),
        nullIfEmpty(pin.altText()),
        pin.dominantColor().isEmpty() ? computedColor(view.media()) : pin.dominantColor(),
        Long.toString(pin.boardId()),
        idOrNull(pin.sectionId()),
        new BoardOwner(pin.ownerUsername()),
        pin.ownerId() == caller.accountId(),
        true,
        false,
        pin.creativeType(),
        pin.showsParentTo(caller) ? Long.toString(pin.parentPinId()) : null,
        null,
        idOrNull(pin.collageId()),
        pin.pinnerId() == 0 ? null : new BoardOwner(pin.pinnerUsername()),
        pin.creativeType() == CreativeType.CAROUSEL
            ? PinMediaWithImages.of(pin.items(), view.media())
            // Every other kind Corkboard makes (REGULAR, COLLAGE) shows one image.
            : PinMediaWithImage.of(view.media()),
        MediaStatus.of(view.media()));
  }

  /**
   * The body as {@link Json#bytes} writes the record, field for field, streamed without the
   * mapper's reflection: the hot paths of pins and pages write it so.
   */
  static byte[] bytes(PinJson pin) {
    return write(g -> pin.writeTo(g));
  }

  /** A page of pins as {@link Json#page} writes it: {@code items} and {@code bookmark}. */
  static byte[] pageBytes(List<PinJson> pins, @Nullable String bookmark) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("items");
          for (PinJson pin : pins) {
            pin.writeTo(g);
          }
          g.writeEndArray();
          g.writeStringField("bookmark", bookmark);
          g.writeEndObject();
        });
  }

  private static byte[] write(Body body) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(2048);
        JsonGenerator g = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
      g.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory does not fail", e);
    }
  }

  /** What a body writes. */
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private void writeTo(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("created_at", createdAt);
    g.writeStringField("link", link);
    g.writeStringField("title", title);
    g.writeStringField("description", description);
    g.writeStringField("alt_text", altText);
    g.writeStringField("dominant_color", dominantColor);
    g.writeStringField("board_id", boardId);
    g.writeStringField("board_section_id", boardSectionId);
    g.writeObjectFieldStart("board_owner");
    g.writeStringField("username", boardOwner.username());
    g.writeEndObject();
    g.writeBooleanField("is_owner", isOwner);
    g.writeBooleanField("is_standard", isStandard);
    g.writeBooleanField("has_been_promoted", hasBeenPromoted);
    g.writeStringField("creative_type", creativeType.name());
    g.writeStringField("parent_pin_id", parentPinId);
    // Always null: no metrics are kept.
    g.writeNullField("pin_metrics");
    if (collageId != null) {
      g.writeStringField("collage_id", collageId);
    }
    if (pinner != null) {
      g.writeObjectFieldStart("pinner");
      g.writeStringField("username", pinner.username());
      g.writeEndObject();
    }
    g.writeFieldName("media");
    switch (media) {
      case PinMediaWithImage one -> {
        g.writeStartObject();
        g.writeStringField("media_type", one.mediaType());
        writeImages(g, one.images());
        g.writeEndObject();
      }
      case PinMediaWithImages many -> {
        g.writeStartObject();
        g.writeStringField("media_type", many.mediaType());
        g.writeArrayFieldStart("items");
        for (ImageMetadata item : many.items()) {
          g.writeStartObject();
          g.writeStringField("item_type", item.itemType());
          g.writeStringField("title", item.title());
          g.writeStringField("description", item.description());
          g.writeStringField("link", item.link());
          writeImages(g, item.images());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
    }
    g.writeObjectFieldStart("media_status");
    g.writeStringField("state", mediaStatus.state());
    if (mediaStatus.reason() != null) {
      g.writeStringField("reason", mediaStatus.reason());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void writeImages(JsonGenerator g, @Nullable Map<String, ImageDetails> images)
      throws IOException {
    if (images == null) {
      return;
    }
    g.writeObjectFieldStart("images");
    for (Map.Entry<String, ImageDetails> image : images.entrySet()) {
      g.writeObjectFieldStart(image.getKey());
      g.writeStringField("url", image.getValue().url());
      g.writeNumberField("width", image.getValue().width());
      g.writeNumberField("height", image.getValue().height());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** v5 {@code BoardOwner}. */
  public record BoardOwner(String username) {}

  /** v5 {@code PinMedia}: one image or the images of a carousel. */
  public sealed interface PinMedia permits PinMediaWithImage, PinMediaWithImages {}

  /**
   * v5 {@code PinMediaWithImage}.
   *
   * @param mediaType always {@code "image"}
   * @param images the variants by size key, left out until the image is ready
   */
  public record PinMediaWithImage(
      String mediaType, @JsonInclude(Include.NON_NULL) @Nullable Map<String, ImageDetails> images)
      implements PinMedia {

    static PinMediaWithImage of(List<MediaView> views) {
      return new PinMediaWithImage(
          "image", views.isEmpty() ? null : ImageDetails.ofReady(views.getFirst()));
    }
  }

  /**
   * v5 {@code PinMediaWithImages}.
   *
   * @param mediaType always {@code multiple_images}
   * @param items the carousel's images, in order
   */
  public record PinMediaWithImages(String mediaType, List<ImageMetadata> items)
      implements PinMedia {

    static PinMediaWithImages of(List<Pin.Item> pinItems, List<MediaView> views) {
      List<ImageMetadata> items = new ArrayList<>(pinItems.size());
      for (int i = 0; i < pinItems.size(); i++) {
        Pin.Item item = pinItems.get(i);
        MediaView view = i < views.size() ? views.get(i) : MediaView.failedMissing();
        items.add(
            new ImageMetadata(
                "image",
                nullIfEmpty(item.title()),
                nullIfEmpty(item.description()),
                nullIfEmpty(item.link()),
                ImageDetails.ofReady(view)));
      }
      return new PinMediaWithImages("multiple_images", items);
    }
  }

  /**
   * v5 {@code ImageMetadata}: one image of a carousel.
   *
   * @param itemType always {@code "image"}
   * @param title its title, or null
   * @param description its description, or null
   * @param link its link, or null
   * @param images the variants by size key, left out until the image is ready
   */
  public record ImageMetadata(
      String itemType,
      @Nullable String title,
      @Nullable String description,
      @Nullable String link,
      @JsonInclude(Include.NON_NULL) @Nullable Map<String, ImageDetails> images) {}

  /** v5 {@code ImageDetails}: one variant of an image. */
  public record ImageDetails(String url, int width, int height) {

    /** The variants of a ready image by size key; null while it is not ready. */
    static @Nullable Map<String, ImageDetails> ofReady(MediaView view) {
      if (view.state() != MediaView.State.READY) {
        return null;
      }
      Map<String, ImageDetails> images = new LinkedHashMap<>();
      view.images()
          .forEach(
              (key, image) ->
                  images.put(key, new ImageDetails(image.url(), image.width(), image.height())));
      return images;
    }
  }

  /**
   * Corkboard's {@code CorkboardMediaStatus}: the images' processing state.
   *
   * @param state {@code processing}, {@code ready} or {@code failed}
   * @param reason why an image failed; left out otherwise
   */
  public record MediaStatus(String state, @JsonInclude(Include.NON_NULL) @Nullable String reason) {

    static MediaStatus of(List<MediaView> views) {
      for (MediaView view : views) {
        if (view.state() == MediaView.State.FAILED) {
          return new MediaStatus("failed", view.reason().orElse("processing failed"));
        }
      }
      for (MediaView view : views) {
        if (view.state() == MediaView.State.PROCESSING) {
          return new MediaStatus("processing", null);
        }
      }
      return new MediaStatus("ready", null);
    }
  }

  private static @Nullable String computedColor(List<MediaView> views) {
    for (MediaView view : views) {
      String color = view.dominantColor().orElse("");
      if (!color.isEmpty()) {
        return color;
      }
    }
    return null;
  }

  private static @Nullable String idOrNull(long id) {
    return id == 0 ? null : Long.toString(id);
  }

  private static @Nullable String nullIfEmpty(String value) {
    return value.isEmpty() ? null : value;
  }
}
