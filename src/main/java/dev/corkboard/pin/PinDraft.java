package dev.corkboard.pin;

import dev.corkboard.media.MediaInput;
import java.util.List;
import java.util.OptionalLong;

/**
 * A pin as a client asks to create it, already checked for form.
 *
 * @param boardId the board to put it on
 * @param sectionId the section of that board, if any
 * @param title the title, or empty
 * @param description the description, or empty
 * @param link the link, or empty
 * @param altText the alternative text, or empty
 * @param dominantColor {@code #RRGGBB}, or empty to compute it
 * @param creativeType {@link CreativeType#REGULAR} (one image), {@link CreativeType#CAROUSEL} (2 to
 *     5 images) or {@link CreativeType#COLLAGE} (one image, the render of {@code collageId})
 * @param collageId the collage it publishes, or 0 unless it is a {@link CreativeType#COLLAGE}
 * @param images its images with their per-item text
 */
public record PinDraft(
    long boardId,
    OptionalLong sectionId,
    String title,
    String description,
    String link,
    String altText,
    String dominantColor,
    CreativeType creativeType,
    long collageId,
    List<DraftImage> images) {

  public PinDraft {
    images = List.copyOf(images);
    switch (creativeType) {
      case REGULAR -> require(images.size() == 1 && collageId == 0, "a regular pin has one image");
      case CAROUSEL ->
          require(
              images.size() >= 2 && images.size() <= 5 && collageId == 0,
              "a carousel has 2 to 5 images");
      case COLLAGE ->
          require(images.size() == 1 && collageId != 0, "a collage pin renders one collage");
      default -> throw new IllegalArgumentException("Corkboard makes no " + creativeType + " pins");
    }
  }

  private static void require(boolean holds, String rule) {
    if (!holds) {
      throw new IllegalArgumentException(rule);
    }
  }

  /**
   * One image of a draft.
   *
   * @param input where the image comes from
   * @param title the carousel item's title, or empty
   * @param description the carousel item's description, or empty
   * @param link the carousel item's link, or empty
   */
  public record DraftImage(MediaInput input, String title, String description, String link) {}
}
