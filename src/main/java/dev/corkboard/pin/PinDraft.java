package dev.corkboard.pin;

import dev.corkboard.media.MediaInput;
import java.util.List;

/**
 * A pin as a client asks to create it, already checked for form.
 *
 * @param boardId the board to put it on
 * @param sectionId the section of that board, or 0
 * @param title the title, or empty
 * @param description the description, or empty
 * @param link the link, or empty
 * @param altText the alternative text, or empty
 * @param dominantColor {@code #RRGGBB}, or empty to compute it
 * @param carousel whether it is a carousel (2 to 5 images)
 * @param collageId the collage it publishes, or 0 for an ordinary pin
 * @param images its images with their per-item text
 */
public record PinDraft(
    long boardId,
    long sectionId,
    String title,
    String description,
    String link,
    String altText,
    String dominantColor,
    boolean carousel,
    long collageId,
    List<DraftImage> images) {

  public PinDraft {
    images = List.copyOf(images);
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
