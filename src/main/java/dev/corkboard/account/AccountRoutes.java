package dev.corkboard.account;

import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.JsonBody;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import dev.corkboard.platform.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/** The routes of accounts and tokens: sign-up and tokens (extensions) and v5 user_account/get. */
public final class AccountRoutes {

  private final AccountService service;

  public AccountRoutes(AccountService service) {
    this.service = service;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.extension("POST", "/v5/accounts", Auth.NONE, List.of(), this::register),
        Route.extension("POST", "/v5/tokens", Auth.BASIC, List.of(), this::issueToken),
        Route.extension(
            "GET",
            "/v5/tokens",
            Auth.BASIC_OR_BEARER,
            List.of(Scope.USER_ACCOUNTS_READ),
            this::listTokens),
        Route.extension(
            "DELETE",
            "/v5/tokens/{token_id}",
            Auth.BASIC_OR_BEARER,
            List.of(Scope.USER_ACCOUNTS_WRITE),
            this::revokeToken),
        Route.v5(
            "GET",
            "/v5/user_account",
            "user_account/get",
            List.of(Scope.USER_ACCOUNTS_READ),
            this::userAccount));
  }

  private void register(Call call) {
    JsonBody body = call.body();
    String username = body.requiredString("username");
    String password = body.requiredString("password");
    call.created(AccountResponse.of(service.register(username, password)));
  }

  private void issueToken(Call call) {
    JsonBody body = call.body();
    String name = body.requiredString("name");
    List<String> scopes = body.requiredStringList("scopes");
    AccountService.IssuedToken issued = service.issueToken(call.principal(), name, scopes);
    call.created(
        new IssuedTokenResponse(
            Long.toString(issued.token().id()),
            issued.secret(),
            "bearer",
            scopeString(issued.token().scopes())));
  }

  private void listTokens(Call call) {
    Page<AccessToken> page = service.listTokens(call.principal(), call.page());
    call.page(
        new Page<>(
            page.items().stream()
                .map(
                    t ->
                        new TokenResponse(
                            Long.toString(t.id()),
                            t.name(),
                            scopeString(t.scopes()),
                            Json.timestamp(t.createdAt())))
                .toList(),
            page.bookmark()));
  }

  private void revokeToken(Call call) {
    long id = call.pathId("token_id", Unknown.TOKEN);
    service.revokeToken(call.principal(), id);
    call.noContent();
  }

  private void userAccount(Call call) {
    call.ok(AccountResponse.of(service.account(call.principal().accountId())));
  }

  private static String scopeString(List<Scope> scopes) {
    return scopes.stream().map(Scope::wireName).collect(Collectors.joining(" "));
  }

  /** v5 {@code Account}. */
  record AccountResponse(
      String accountType,
      String id,
      String username,
      int boardCount,
      int pinCount,
      int followerCount,
      int followingCount,
      int monthlyViews) {

    static AccountResponse of(Account account) {
      return new AccountResponse(
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

  /** The answer to issuing a token, the only one that carries its secret. */
  record IssuedTokenResponse(String id, String accessToken, String tokenType, String scope) {}

  /** A token in the owner's list. */
  record TokenResponse(String id, String name, String scope, String createdAt) {}
}
