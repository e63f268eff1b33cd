package dev.corkboard.account;

import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.JsonBody;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.List;

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
    call.created(AccountJson.of(service.register(username, password)));
  }

  private void issueToken(Call call) {
    JsonBody body = call.body();
    String name = body.requiredString("name");
    List<String> scopes = body.requiredStringList("scopes");
    call.created(TokenJson.Issued.of(service.issueToken(call.principal(), name, scopes)));
  }

  private void listTokens(Call call) {
    call.page(service.listTokens(call.principal(), call.page()).map(TokenJson::of));
  }

  private void revokeToken(Call call) {
    long id = call.pathId("token_id", Unknown.TOKEN);
    service.revokeToken(call.principal(), id);
    call.noContent();
  }

  private void userAccount(Call call) {
    call.ok(AccountJson.of(service.account(call.principal())));
  }
}
