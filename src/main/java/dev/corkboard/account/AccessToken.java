package dev.corkboard.account;

import dev.corkboard.platform.api.Scope;
import java.time.Instant;
import java.util.List;

/**
 * An access token as its owner sees it: never its secret, which only the issuing answer carries.
 *
 * @param id the token id
 * @param accountId the owner
 * @param name the owner's name for it
 * @param scopes the scopes it grants
 * @param createdAt when it was issued
 */
public record AccessToken(
    long id, long accountId, String name, List<Scope> scopes, Instant createdAt) {

  public AccessToken {
    scopes = List.copyOf(scopes);
  }
}
