/**
 * PostgreSQL access: the embedded server, migrations, the blocking client facade, and the storage
 * (database and blob store) a process opens as configured.
 *
 * <h2>Lock order</h2>
 *
 * Every write transaction takes its row locks in one order, so that concurrent writers wait for
 * each other instead of deadlocking:
 *
 * <ol>
 *   <li>shared media rows a new pin's uploaded images need ({@code media}, {@code media_sources},
 *       {@code jobs}), before anything an account owns;
 *   <li>the row of the account that owns the boards written to, once per transaction and before any
 *       of its boards, sections or pins (an explicit lock, or the update of its counts); a follow
 *       locks the follower's row, and a follow of an account the followee's row too: two account
 *       rows in id order, both before any board (a bulk change of pins locks the rows of their
 *       boards' owners, a board merge the owner's and the merged board's explicit followers', and
 *       the hand-over of a board to a new owner both owners' rows, likewise in id order);
 *   <li>the account's boards, in id order (a follow of a board locks that board, someone else's,
 *       after the follower's row and without its owner's: no transaction waits for an account's row
 *       while it holds a board; a move of a board's pins or sections shares the board's row without
 *       its owner's, and with it the board's order lock, an advisory lock that a re-spacing of the
 *       board's keys takes exclusively; it then writes only the moved rows and the board's trail,
 *       so it never waits for an account's row or a board while it holds one, and a re-spacing
 *       waits only for the moves in flight, which wait for nothing it holds);
 *   <li>their sections;
 *   <li>their pins;
 *   <li>what hangs off pins: their image rows, collages and their lookups;
 *   <li>an account's choices about boards ({@code board_follows}) after the boards they are about,
 *       so a board's deletion, which takes the board and then the choices about it, never waits for
 *       a follow that waits for the board.
 * </ol>
 *
 * A new pin's home feed job is a new {@code jobs} row inserted after the pin: an insert of a new
 * row waits for no lock, so it needs no place in the order; the fan-out's own transactions write
 * only new feed entries (their foreign key takes key-share locks on accounts, which no follow or
 * pin write conflicts with).
 *
 * <p>Since every write to an account's boards and pins holds its account's row first, such writes
 * of one account run one after the other, and those of different accounts share no rows. A writer
 * locks the row of the owner it read before its transaction's locks; a board changes owner only
 * under both owners' rows, so once the writer holds the row the board's owner stays as it is, and a
 * writer that finds under its locks that the board was handed over between its read and its lock
 * throws {@link dev.corkboard.platform.db.StaleRead}, which runs the transaction again. A save
 * reads the pin it saves without locking it. A deadlock or serialization failure that can still
 * happen (the media sweep, an operator's statement) is retried by {@link
 * dev.corkboard.platform.db.Database#transaction}.
 */
package dev.corkboard.platform.db;
