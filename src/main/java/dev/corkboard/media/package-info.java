/** Media ingest: fetching and decoding images, variants, the blob store and serving. */
package dev.corkboard.media;
