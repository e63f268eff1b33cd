package dev.corkboard.pin;

import java.util.Arrays;
import java.util.Optional;

/**
 * Pinterest's creative types, as v5's {@code CreativeType} lists them. Corkboard makes {@link
 * #REGULAR} (one image), {@link #CAROUSEL} (2 to 5 images) and {@link #COLLAGE} (a published
 * collage) pins; a list filter accepts every type, and the others match no pin.
 */
public enum CreativeType {
  REGULAR,
  VIDEO,
  SHOPPING,
  CAROUSEL,
  MAX_VIDEO,
  SHOP_THE_PIN,
  COLLECTION,
  IDEA,
  SHOWCASE,
  QUIZ,
  COLLAGE,
  MAX_WIDTH_REGULAR_COLLECTION,
  MAX_WIDTH_VIDEO_COLLECTION;

  /** The type of this wire (and column) name, if it is one. */
  static Optional<CreativeType> named(String name) {
    return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
  }
}
