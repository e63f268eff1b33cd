package dev.corkboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Named fixture factories: sign up a fresh account and issue tokens, through the public API. */
public final class Users {

  /** Every scope a token can carry. */
  public static final List<String> ALL_SCOPES =
      List.of(
          "boards:read",
          "boards:read_secret",
          "boards:write",
          "boards:write_secret",
          "pins:read",
          "pins:read_secret",
          "pins:write",
          "pins:write_secret",
          "user_accounts:read",
          "user_accounts:write");

  /** The scopes of a token that works on public objects only. */
  public static final List<String> PUBLIC_SCOPES =
      List.of(
          "boards:read",
          "boards:write",
          "pins:read",
          "pins:write",
          "user_accounts:read",
          "user_accounts:write");

  public static final String PASSWORD = "correct horse battery";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private Users() {}

  /** A new account on the shared server with a token of every scope. */
  public static User signUp() {
    return signUp(Api.anonymous());
  }

  /** A new account through the given client, with a token of every scope. */
  public static User signUp(Api api) {
    String username =
        "u"
            + Long.toString(System.nanoTime() % 1_000_000_000L, 36)
            + "_"
            + SEQUENCE.incrementAndGet();
    Api.Response created =
        api.post("/v5/accounts", Map.of("username", username, "password", PASSWORD));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    User user = new User(api, username, created.text("id"), "");
    return new User(api, username, user.id(), user.issueToken(ALL_SCOPES));
  }

  /**
   * A signed-up account.
   *
   * @param api the anonymous client it was made through
   * @param username its username
   * @param id its account id
   * @param token a token of every scope
   */
  public record User(Api api, String username, String id, String token) {

    /** A client that authenticates with the all-scopes token. */
    public Api client() {
      return api.bearer(token);
    }

    /** A client that authenticates with a new token of just these scopes. */
    public Api withScopes(String... scopes) {
      return api.bearer(issueToken(Arrays.asList(scopes)));
    }

    /** A client that authenticates with the password. */
    public Api withPassword() {
      return api.basic(username, PASSWORD);
    }

    /** Issues a token and answers its secret. */
    public String issueToken(List<String> scopes) {
      Api.Response response =
          withPassword().post("/v5/tokens", Map.of("name", "test", "scopes", scopes));
      assertThat(response.status()).as(response.body()).isEqualTo(201);
      return response.text("access_token");
    }
  }
}
