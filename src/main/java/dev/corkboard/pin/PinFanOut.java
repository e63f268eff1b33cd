package dev.corkboard.pin;

import dev.corkboard.platform.db.Sql;
import java.util.List;

/**
 * What a new pin on a public board sets going in the transaction that writes it (the home feed's
 * fan-out), given to the pin feature by the composition root so that pins know nothing of feeds.
 */
public interface PinFanOut {

  /** Sets nothing going. */
  PinFanOut NONE =
      new PinFanOut() {
        @Override
        public void enqueue(Sql tx, long pinId) {}

        @Override
        public String saveStatementPart() {
          return "SELECT 1 WHERE false";
        }

        @Override
        public void wake() {}
      };

  /** Records, in the transaction {@code tx} that writes the pin, the work its fan-out needs. */
  void enqueue(Sql tx, long pinId);

  /** Records what {@link #enqueue} records for each of the pins, in as few statements as it can. */
  default void enqueueAll(Sql tx, List<Long> pinIds) {
    pinIds.forEach(id -> enqueue(tx, id));
  }

  /**
   * The same as {@link #enqueue} as one more entry of the save's single statement: a statement
   * reading {@code new_pin} (its {@code shard, id, owner_id, board_id}) and {@code target} (the
   * board's {@code privacy}), so a save stays one round trip.
   */
  String saveStatementPart();

  /** Runs the recorded work soon, after the pin's transaction committed. */
  void wake();
}
