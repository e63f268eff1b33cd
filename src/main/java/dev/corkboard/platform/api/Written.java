package dev.corkboard.platform.api;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Hears, after a write committed, which object it wrote, for a feature that keeps a read model of
 * that object (the composition root wires search to pins and boards this way): the writer knows
 * nothing of who listens.
 */
@FunctionalInterface
public interface Written {

  /** Hears nothing. */
  Written NOBODY = id -> {};

  /** The object {@code id} was created or changed, and the change committed. */
  void written(long id);

  /**
   * The objects {@code ids} were created or changed in one write, and it committed: heard one by
   * one unless the listener takes them together ({@link #of}).
   */
  default void writtenAll(List<Long> ids) {
    ids.forEach(this::written);
  }

  /**
   * A listener that hears one object with {@code one} and the objects of one write with {@code
   * all}.
   */
  static Written of(LongConsumer one, Consumer<List<Long>> all) {
    return new Written() {
      @Override
      public void written(long id) {
        one.accept(id);
      }

      @Override
      public void writtenAll(List<Long> ids) {
        all.accept(ids);
      }
    };
  }
}
