package dev.corkboard.account;

import java.time.Instant;

/**
 * A person's account with its live counts.
 *
 * @param id the account id
 * @param username the username as the person chose it
 * @param createdAt when the account was made
 * @param boardCount how many boards it owns
 * @param pinCount how many pins it has saved or created
 * @param followerCount how many accounts follow it
 * @param followingCount how many accounts it follows
 */
public record Account(
    long id,
    String username,
    Instant createdAt,
    int boardCount,
    int pinCount,
    int followerCount,
    int followingCount) {}
