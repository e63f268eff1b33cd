package dev.corkboard.oauth;

import java.util.List;

/**
 * An authorization request the consent page asks the account about, checked against the app: the
 * redirect URI is one the app registered, the scopes are known, the PKCE method is S256.
 *
 * @param appId the app asking
 * @param appName what the page calls it
 * @param redirectUri where the answer goes, exactly as registered
 * @param scopes the scopes asked for, by wire name
 * @param state the app's opaque value, sent back with the answer
 * @param codeChallenge the PKCE S256 challenge, empty if the app sent none
 */
public record Authorization(
    long appId,
    String appName,
    String redirectUri,
    List<String> scopes,
    String state,
    String codeChallenge) {

  public Authorization {
    scopes = List.copyOf(scopes);
  }
}
