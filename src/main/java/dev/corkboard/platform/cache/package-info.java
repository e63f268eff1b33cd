/**
 * In-memory caches of read results that writes invalidate before their responses are sent, on every
 * server sharing the database ({@link dev.corkboard.platform.cache.Coherence}): a read is answered
 * without a database round trip and never shows what a completed write replaced.
 */
package dev.corkboard.platform.cache;
