package dev.corkboard.platform.api;

/** Turns credentials into a {@link Principal}, or fails with 401. */
public interface Authenticator {

  /** Authenticates an opaque bearer token. */
  Principal bearer(String token);

  /** Authenticates a username and password (HTTP Basic). */
  Principal basic(String username, String password);
}
