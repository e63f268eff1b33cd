package dev.corkboard.platform.cache;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one write touched, forgotten from the read caches of every server when it is closed. A write
 * opens it before its transaction, adds each key as soon as it learns it (some only inside the
 * transaction), and closes it once the transaction has ended, committed or not: a commit whose
 * answer was lost may still have happened, so a failed write forgets too. Used by one thread.
 */
public final class Touched implements AutoCloseable {

  private final List<Runnable> forget = new ArrayList<>();
  private final StringBuilder message = new StringBuilder();
  private @Nullable ReadCaches caches;

  /** Adds a key of a cache to forget. */
  public <K> void add(ReadCache<K, ?> cache, K key) {
    caches = cache.caches();
    forget.add(() -> cache.invalidateLocally(key));
    message.append(message.isEmpty() ? "" : " ").append(cache.item(key));
  }

  /**
   * Forgets every key added, in the order added, here and then on the other servers in one message,
   * waiting until they have.
   */
  @Override
  public void close() {
    forget.forEach(Runnable::run);
    if (caches != null) {
      caches.publish(message.toString());
    }
  }
}
