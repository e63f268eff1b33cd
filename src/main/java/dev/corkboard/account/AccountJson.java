package dev.corkboard.account;

/**
 * The v5 {@code Account} wire form.
 *
 * @param accountType always {@code PINNER}: there are no business accounts here
 * @param id the account id
 * @param username its username
 * @param boardCount how many boards it owns
 * @param pinCount how many pins it has
 * @param followerCount how many accounts follow it
 * @param followingCount how many accounts it follows
 * @param monthlyViews always 0: views are not counted
 */
public record AccountJson(
    String accountType,
    String id,
    String username,
    int boardCount,
    int pinCount,
    int followerCount,
    int followingCount,
    int monthlyViews) {

  /** The account's wire form, with the counts it was read with. */
  public static AccountJson of(Account account) {
    return new AccountJson(
        "PINNER",
        Long.toString(account.id()),
        account.username(),
        account.boardCount(),
        account.pinCount(),
        account.followerCount(),
        account.followingCount(),
        0);
  }
}
