package dev.corkboard.platform.api;

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
}
