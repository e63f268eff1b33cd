package dev.corkboard.account;

import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The wire form of a token in its owner's list ({@code CorkboardToken}), without its secret.
 *
 * @param id the token id
 * @param name the owner's name for it
 * @param scope its scopes, space-separated as OAuth writes them
 * @param createdAt when it was issued, RFC 3339
 */
public record TokenJson(String id, String name, String scope, String createdAt) {

  static TokenJson of(AccessToken token) {
    return new TokenJson(
        Long.toString(token.id()),
        token.name(),
        spaced(token.scopes()),
        Json.timestamp(token.createdAt()));
  }

  /**
   * The answer to issuing a token ({@code CorkboardIssuedToken}), the only one that carries its
   * secret.
   *
   * @param id the token id
   * @param accessToken the secret to send as a bearer token
   * @param tokenType always {@code bearer}
   * @param scope its scopes, space-separated
   */
  public record Issued(String id, String accessToken, String tokenType, String scope) {

    static Issued of(AccountService.IssuedToken issued) {
      return new Issued(
          Long.toString(issued.token().id()),
          issued.secret(),
          "bearer",
          spaced(issued.token().scopes()));
    }
  }

  private static String spaced(List<Scope> scopes) {
    return scopes.stream().map(Scope::wireName).collect(Collectors.joining(" "));
  }
}
