/**
 * Collages: cutouts cut from pin images, layouts of transformed layers, and their rendering and
 * publishing as pins; the pure image code lives in {@code render}.
 */
package dev.corkboard.collage;
