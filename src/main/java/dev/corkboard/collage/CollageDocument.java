package dev.corkboard.collage;

import java.awt.Color;
import java.util.List;
import java.util.Objects;

/**
 * What a collage looks like: its canvas size in canvas pixels, an opaque background colour and its
 * layers, bottom first.
 */
public record CollageDocument(int width, int height, Color background, List<Layer> layers) {

  public CollageDocument {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "width and height must be at least 1, not " + width + "x" + height);
    }
    if (background == null) {
      throw new IllegalArgumentException("background is required");
    }
    if (background.getAlpha() != 255) {
      throw new IllegalArgumentException("background must be opaque");
    }
    // Not contains(null): immutable lists throw on it.
    if (layers == null || layers.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("layers are required and may not contain null");
    }
    layers = List.copyOf(layers);
  }
}
