/**
 * In-memory caches of read results that writes invalidate before their responses are sent: a read
 * is answered without a database round trip and never shows what a completed write replaced.
 */
package dev.corkboard.platform.cache;
