package dev.corkboard.platform.api;

import java.util.Optional;

/** The OAuth scopes of Pinterest API v5 that a token can carry, by their wire names. */
public enum Scope {
  BOARDS_READ("boards:read"),
  BOARDS_READ_SECRET("boards:read_secret"),
  BOARDS_WRITE("boards:write"),
  BOARDS_WRITE_SECRET("boards:write_secret"),
  PINS_READ("pins:read"),
  PINS_READ_SECRET("pins:read_secret"),
  PINS_WRITE("pins:write"),
  PINS_WRITE_SECRET("pins:write_secret"),
  USER_ACCOUNTS_READ("user_accounts:read"),
  USER_ACCOUNTS_WRITE("user_accounts:write");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  /** The name as tokens and the v5 spec spell it, for example {@code boards:read}. */
  public String wireName() {
    return wireName;
  }

  /** The scope with the given wire name, if there is one. */
  public static Optional<Scope> fromWireName(String name) {
    for (Scope scope : values()) {
      if (scope.wireName.equals(name)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
