package dev.corkboard.collage.render;

/**
 * A vertex of a cutout's polygon, as fractions of the source image's width ({@code x}) and height
 * ({@code y}); {@link CutoutMaker#cut} checks that both lie in 0..1.
 */
public record Point(double x, double y) {}
