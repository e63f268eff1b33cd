package dev.corkboard.follow;

import java.util.Arrays;

/**
 * What one account follows, as its own follow rows say: the accounts it follows, the boards it
 * follows explicitly and the boards of followed accounts it unfollowed one by one. It says which
 * boards are followed whatever their privacy: a board that is not public is never followed, and
 * whoever asks checks that too. A value: it never changes once made.
 */
public final class Following {

  /** Nothing followed. */
  public static final Following NOTHING = new Following(new long[0], new long[0], new long[0]);

  private final long[] accounts;
  private final long[] boards;
  private final long[] unfollowed;

  /**
   * What an account follows.
   *
   * @param accounts the ids of the accounts followed
   * @param boards the ids of the boards followed explicitly
   * @param unfollowed the ids of boards of followed accounts unfollowed one by one
   */
  public Following(long[] accounts, long[] boards, long[] unfollowed) {
    this.accounts = sorted(accounts);
    this.boards = sorted(boards);
    this.unfollowed = sorted(unfollowed);
  }

  /**
   * Whether the board {@code boardId} of the account {@code ownerId} is followed (if it is public):
   * explicitly, or through its owner and not unfollowed.
   */
  public boolean follows(long boardId, long ownerId) {
    return Arrays.binarySearch(boards, boardId) >= 0
        || (Arrays.binarySearch(accounts, ownerId) >= 0
            && Arrays.binarySearch(unfollowed, boardId) < 0);
  }

  /** The accounts followed, as a {@code bigint[]} parameter of a statement. */
  public Long[] accounts() {
    return boxed(accounts);
  }

  /** The boards followed explicitly, as a {@code bigint[]} parameter of a statement. */
  public Long[] boards() {
    return boxed(boards);
  }

  /** The boards unfollowed one by one, as a {@code bigint[]} parameter of a statement. */
  public Long[] unfollowed() {
    return boxed(unfollowed);
  }

  /** What it weighs in memory, roughly, in bytes. */
  int estimatedBytes() {
    return 64 + 8 * (accounts.length + boards.length + unfollowed.length);
  }

  private static long[] sorted(long[] ids) {
    long[] copy = ids.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static Long[] boxed(long[] ids) {
    return Arrays.stream(ids).boxed().toArray(Long[]::new);
  }
}
