package dev.corkboard.oauth;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.JsonBody;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.List;
import java.util.Map;

/**
 * The routes of OAuth: the authorization endpoint and its consent page ({@code /oauth/}, as
 * Pinterest's is at {@code www.pinterest.com/oauth/}), v5's token and revoke operations, and the
 * extensions that register, list and delete apps.
 */
public final class OAuthRoutes {

  private final OAuthService service;

  public OAuthRoutes(OAuthService service) {
    this.service = service;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.extension("GET", "/oauth/", Auth.NONE, List.of(), this::authorize),
        Route.extension("POST", "/oauth/", Auth.NONE, List.of(), this::decide),
        Route.v5("POST", "/v5/oauth/token", "oauth/token", this::token),
        Route.v5("POST", "/v5/oauth/token/revoke", "token/revoke", this::revoke),
        Route.extension(
            "POST",
            "/v5/oauth/apps",
            Auth.BASIC_OR_BEARER,
            List.of(Scope.USER_ACCOUNTS_WRITE),
            this::registerApp),
        Route.extension(
            "GET",
            "/v5/oauth/apps",
            Auth.BASIC_OR_BEARER,
            List.of(Scope.USER_ACCOUNTS_READ),
            this::listApps),
        Route.extension(
            "DELETE",
            "/v5/oauth/apps/{client_id}",
            Auth.BASIC_OR_BEARER,
            List.of(Scope.USER_ACCOUNTS_WRITE),
            this::deleteApp));
  }

  private void authorize(Call call) {
    OAuthService.Outcome outcome;
    try {
      outcome =
          service.authorize(
              call.query("client_id").orElse(""),
              call.query("redirect_uri").orElse(""),
              call.query("response_type").orElse(""),
              call.query("scope").orElse(""),
              call.query("state").orElse(""),
              call.query("code_challenge").orElse(""),
              call.query("code_challenge_method").orElse(""));
    } catch (ApiException e) {
      call.html(e.status(), ConsentPage.problem(e.getMessage()));
      return;
    }
    switch (outcome) {
      case OAuthService.Outcome.Redirect redirect -> call.redirect(redirect.location());
      case OAuthService.Outcome.Consent consent ->
          call.html(200, ConsentPage.form(consent.request(), consent.consentToken(), ""));
    }
  }

  private void decide(Call call) {
    Map<String, String> form;
    Authorization request;
    String token;
    try {
      form = call.form();
      token = form.getOrDefault("consent_token", "");
      request = service.consentRequest(token);
    } catch (ApiException e) {
      call.html(e.status(), ConsentPage.problem(e.getMessage()));
      return;
    }
    if (form.getOrDefault("decision", "").equals("deny")) {
      call.redirect(service.deny(token));
      return;
    }
    try {
      call.redirect(
          service.approve(
              token, form.getOrDefault("username", ""), form.getOrDefault("password", "")));
    } catch (ApiException.Unauthenticated e) {
      call.html(
          401, ConsentPage.form(request, token, "Unknown username or wrong password; try again."));
    } catch (ApiException.RateLimited e) {
      call.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      call.html(429, ConsentPage.problem(e.getMessage()));
    }
  }

  private void token(Call call) {
    Call.Credentials client = clientCredentials(call);
    call.ok(OAuthJson.token(service.token(client.username(), client.password(), call.form())));
  }

  private void revoke(Call call) {
    Call.Credentials client = clientCredentials(call);
    service.revoke(client.username(), client.password(), call.form());
    call.okEmpty();
  }

  private static Call.Credentials clientCredentials(Call call) {
    return call.basicCredentials()
        .orElseThrow(
            () ->
                new ApiException.Unauthenticated(
                    "Authentication failed: send the client id and secret as HTTP Basic"
                        + " credentials."));
  }

  private void registerApp(Call call) {
    JsonBody body = call.body();
    call.created(
        OAuthJson.Registered.of(
            service.registerApp(
                call.principal(),
                body.requiredString("name"),
                body.requiredStringList("redirect_uris"))));
  }

  private void listApps(Call call) {
    call.page(service.listApps(call.principal(), call.page()).map(OAuthJson.App::of));
  }

  private void deleteApp(Call call) {
    service.deleteApp(call.principal(), call.pathId("client_id", Unknown.APP));
    call.noContent();
  }
}
