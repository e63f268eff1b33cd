package dev.corkboard.follow;

/**
 * The v5 {@code UserSummary} wire form, in which follows name an account.
 *
 * @param type always {@code user}
 * @param username the account's username
 */
public record FollowJson(String type, String username) {

  static FollowJson of(String username) {
    return new FollowJson("user", username);
  }
}
