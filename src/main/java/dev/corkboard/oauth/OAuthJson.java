package dev.corkboard.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.json.Json;
import java.util.List;

/**
 * The wire forms of apps ({@code CorkboardOAuthApp}) and of v5's {@code OauthAccessTokenResponse}.
 */
final class OAuthJson {

  private OAuthJson() {}

  /**
   * An app as its owner sees it, without its secret.
   *
   * @param clientId the client id
   * @param name the app's name
   * @param redirectUris the registered redirect URIs
   * @param createdAt when it was registered, RFC 3339
   */
  record App(String clientId, String name, List<String> redirectUris, String createdAt) {

    static App of(OAuthApp app) {
      return new App(
          app.clientId(), app.name(), app.redirectUris(), Json.timestamp(app.createdAt()));
    }
  }

  /**
   * A newly registered app, the only answer that carries its secret.
   *
   * @param clientId the client id
   * @param clientSecret the client secret, shown once
   * @param name the app's name
   * @param redirectUris the registered redirect URIs
   * @param createdAt when it was registered, RFC 3339
   */
  record Registered(
      String clientId,
      String clientSecret,
      String name,
      List<String> redirectUris,
      String createdAt) {

    static Registered of(OAuthService.RegisteredApp registered) {
      OAuthApp app = registered.app();
      return new Registered(
          app.clientId(),
          registered.clientSecret(),
          app.name(),
          app.redirectUris(),
          Json.timestamp(app.createdAt()));
    }
  }

  /** The token endpoint's answer, with the refresh fields only for the grants that issue them. */
  static ObjectNode token(OAuthService.TokenAnswer answer) {
    ObjectNode node = Json.object();
    node.put("access_token", answer.accessToken());
    node.put("token_type", "bearer");
    node.put("expires_in", answer.expiresIn());
    node.put("scope", answer.scope());
    node.put("response_type", answer.responseType());
    answer
        .refresh()
        .ifPresent(
            refresh -> {
              node.put("refresh_token", refresh.token());
              node.put("refresh_token_expires_in", refresh.expiresIn());
              node.put("refresh_token_expires_at", refresh.expiresAt());
            });
    return node;
  }
}
