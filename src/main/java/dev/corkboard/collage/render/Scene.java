package dev.corkboard.collage.render;

import java.awt.Color;
import java.util.List;
import java.util.Objects;

/**
 * A collage ready to draw: its canvas size in canvas pixels, an opaque background colour and its
 * layers, bottom first, each naming a decoded source image; what is stored is {@code
 * CollageLayout}, which refers to cutouts and pins by id instead.
 */
public record Scene(int width, int height, Color background, List<Layer> layers) {

  public Scene {
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
