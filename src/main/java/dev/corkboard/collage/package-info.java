/** Collages: cutouts cut from pin images, canvases of transformed items, and their rendering. */
package dev.corkboard.collage;
