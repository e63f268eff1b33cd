package dev.corkboard.platform.api;

import java.util.Set;

/**
 * Who makes a request: the account and the scopes its credential grants. A password login grants
 * every scope; a token grants the scopes it was issued with.
 *
 * @param accountId the caller's account id
 * @param scopes the scopes the credential grants
 * @param tokenId the id of the bearer token used, or 0 for a password login
 */
public record Principal(long accountId, Set<Scope> scopes, long tokenId) {

  public Principal {
    scopes = Set.copyOf(scopes);
  }

  /** Whether the credential grants the scope. */
  public boolean has(Scope scope) {
    return scopes.contains(scope);
  }

  /** Fails with 403, code 3, unless the credential grants the scope. */
  public void require(Scope scope) {
    if (!scopes.contains(scope)) {
      throw new ApiException.MissingScope(scope.wireName());
    }
  }
}
