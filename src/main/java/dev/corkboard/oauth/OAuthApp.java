package dev.corkboard.oauth;

import java.time.Instant;
import java.util.List;

/**
 * An app registered by an account for OAuth: its client id is its id in digits.
 *
 * @param id the app id, which is its client id
 * @param accountId the account that registered it
 * @param name what the consent page calls it
 * @param redirectUris where an authorization may send the browser back to, matched exactly
 * @param createdAt when it was registered
 */
public record OAuthApp(
    long id, long accountId, String name, List<String> redirectUris, Instant createdAt) {

  public OAuthApp {
    redirectUris = List.copyOf(redirectUris);
  }

  /** The client id as OAuth requests carry it. */
  public String clientId() {
    return Long.toString(id);
  }
}
