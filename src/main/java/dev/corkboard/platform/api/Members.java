package dev.corkboard.platform.api;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The members of a group board besides its owner and the role each holds, as read with the board:
 * what the {@link AccessPolicy} needs to know of who else may see and change it. Invitations not
 * yet accepted are not members.
 */
public final class Members {

  /** A board nobody else is a member of. */
  public static final Members NONE = new Members(new long[0], new Role[0]);

  private final long[] accountIds;
  private final Role[] roles;

  private Members(long[] accountIds, Role[] roles) {
    this.accountIds = accountIds;
    this.roles = roles;
  }

  /**
   * The members of parallel arrays of account ids, sorted ascending, and role names, as SQL reads
   * them; none when the arrays are null (a board without collaborators reads none).
   */
  public static Members of(Long @Nullable [] accountIds, String @Nullable [] roles) {
    if (accountIds == null || roles == null || accountIds.length == 0) {
      return NONE;
    }
    long[] ids = new long[accountIds.length];
    Role[] parsed = new Role[roles.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = accountIds[i];
      parsed[i] = Role.valueOf(roles[i]);
    }
    return new Members(ids, parsed);
  }

  /** The account's role, or null when it is not a member. */
  public @Nullable Role roleOf(long accountId) {
    int at = Arrays.binarySearch(accountIds, accountId);
    return at < 0 ? null : roles[at];
  }

  /** How many members there are. */
  public int size() {
    return accountIds.length;
  }

  /** About 16 bytes a member, for the weight of cached values that hold members. */
  public int bytes() {
    return 16 + accountIds.length * 16;
  }
}
