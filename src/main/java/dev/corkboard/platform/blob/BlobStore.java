package dev.corkboard.platform.blob;

import java.util.Optional;

/**
 * Where media bytes live, addressed by key. Keys are content-addressed by the callers, so a put of
 * an existing key stores the same bytes and may be skipped. Implementations are thread-safe.
 */
public interface BlobStore {

  /** Stores the bytes under the key, durably, replacing nothing else. */
  void put(String key, byte[] bytes, String contentType);

  /** The bytes and content type stored under the key, if any. */
  Optional<Blob> get(String key);

  /** Whether something is stored under the key. */
  boolean exists(String key);

  /** Removes the key; removing a missing key is no error. */
  void delete(String key);

  /**
   * Stored bytes.
   *
   * @param bytes the content
   * @param contentType its media type, for example {@code image/jpeg}
   */
  record Blob(byte[] bytes, String contentType) {}
}
