/**
 * The pure image code of collages: cutting polygons out of images, drawing scenes of transformed
 * layers and encoding the result; no storage, no HTTP, safe to share between threads.
 */
package dev.corkboard.collage.render;
