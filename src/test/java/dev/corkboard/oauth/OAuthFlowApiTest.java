package dev.corkboard.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OAuth flow as a browser and an app run it against the real server: the authorize link, the
 * consent form, the redirect with the code, the token exchange with PKCE, refresh and revocation.
 */
class OAuthFlowApiTest {

  private static final String CALLBACK = "https://app.example/callback";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-and-more";
  private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\"");
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

  @Test
  void browserFlowIssuesTokensThatCallTheApiAndRefreshRotates() {
    Users.User user = Users.signUp();
    App app = register(user);
    Api.Response tokens = exchange(app, authorize(user, app, "xyz-state"), VERIFIER);
    assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    assertThat(tokens.text("token_type")).isEqualTo("bearer");
    assertThat(tokens.text("response_type")).isEqualTo("authorization_code");
    assertThat(tokens.json().path("expires_in").asLong()).isEqualTo(30L * 24 * 3600);
    assertThat(tokens.text("scope")).isEqualTo("user_accounts:read,boards:read");
    String access = tokens.text("access_token");
    String refresh = tokens.text("refresh_token");

    Api.Response me = Api.anonymous().bearer(access).get("/v5/user_account");
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.text("username")).isEqualTo(user.username());
    assertThat(Api.anonymous().bearer(access).get("/v5/boards").status()).isEqualTo(200);
    assertThat(Api.anonymous().bearer(access).post("/v5/boards", Map.of("name", "x")).code())
        .as("a scope the app was not granted")
        .isEqualTo(3);
    assertThat(user.client().get("/v5/user_account").status())
        .as("the personal token works beside it")
        .isEqualTo(200);

    Api.Response refreshed =
        tokenRequest(app, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
    assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
    assertThat(refreshed.text("response_type")).isEqualTo("refresh_token");
    String access2 = refreshed.text("access_token");
    String refresh2 = refreshed.text("refresh_token");
    assertThat(refresh2).isNotEqualTo(refresh);
    assertThat(Api.anonymous().bearer(access2).get("/v5/user_account").status()).isEqualTo(200);

    Api.Response reused =
        tokenRequest(app, Map.of("grant_type", "refresh_token", "refresh_token", refresh));
    assertThat(reused.status()).isEqualTo(400);
    assertThat(reused.code()).isEqualTo(1);
    assertThat(
            tokenRequest(app, Map.of("grant_type", "refresh_token", "refresh_token", refresh2))
                .status())
        .as("reuse of a rotated token revokes its whole family")
        .isEqualTo(400);
    assertThat(Api.anonymous().bearer(access2).get("/v5/user_account").status()).isEqualTo(401);
    assertThat(Api.anonymous().bearer(access).get("/v5/user_account").status()).isEqualTo(401);
  }

  @Test
  void revokedAccessAndRefreshTokensStopWorking() {
    Users.User user = Users.signUp();
    App app = register(user);
    Api.Response tokens = exchange(app, authorize(user, app, ""), VERIFIER);
    String access = tokens.text("access_token");
    assertThat(Api.anonymous().bearer(access).get("/v5/user_account").status()).isEqualTo(200);

    Api.Response revoked = revoke(app, access);
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    Api.Response after = Api.anonymous().bearer(access).get("/v5/user_account");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.code()).isEqualTo(2);

    String refresh = tokens.text("refresh_token");
    assertThat(revoke(app, refresh).status()).isEqualTo(200);
    assertThat(
            tokenRequest(app, Map.of("grant_type", "refresh_token", "refresh_token", refresh))
                .status())
        .isEqualTo(400);
  }

  @Test
  void codeIsSingleUseAndBoundToItsVerifierAndRedirectUri() {
    Users.User user = Users.signUp();
    App app = register(user);
    String code = authorize(user, app, "s");
    assertThat(exchange(app, code, VERIFIER + "x").status()).isEqualTo(400);
    String second = authorize(user, app, "s");
    Api.Response wrongRedirect =
        tokenRequest(
            app,
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                second,
                "redirect_uri",
                "https://app.example/other",
                "code_verifier",
                VERIFIER));
    assertThat(wrongRedirect.status()).isEqualTo(400);
    String third = authorize(user, app, "s");
    assertThat(exchange(app, third, VERIFIER).status()).isEqualTo(200);
    Api.Response again = exchange(app, third, VERIFIER);
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.message()).contains("code");
  }

  @Test
  void anotherAppsSecretCannotExchangeTheCode() {
    Users.User user = Users.signUp();
    App app = register(user);
    App other = register(user);
    String code = authorize(user, app, "");
    Api.Response wrongSecret = exchange(new App(app.clientId(), other.secret()), code, VERIFIER);
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.code()).isEqualTo(2);
    assertThat(exchange(other, code, VERIFIER).status()).isEqualTo(400);
  }

  @Test
  void denyingSendsAccessDeniedWithTheStateBack() {
    Users.User user = Users.signUp();
    App app = register(user);
    Map<String, String> form = consentForm(app, "st<&>");
    form.put("decision", "deny");
    Api.Response answer = submit(form);
    assertThat(answer.status()).isEqualTo(302);
    Map<String, String> query = query(location(answer));
    assertThat(query).containsEntry("error", "access_denied").containsEntry("state", "st<&>");
    assertThat(query).doesNotContainKey("code");
  }

  @Test
  void wrongPasswordShowsTheFormAgainWithoutACode() {
    Users.User user = Users.signUp();
    App app = register(user);
    Map<String, String> form = consentForm(app, "s");
    form.put("username", user.username());
    form.put("password", "not the password");
    form.put("decision", "approve");
    Api.Response answer = submit(form);
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).contains("wrong password").contains("consent_token");
    assertThat(answer.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void tamperedConsentTokenIsRefused() {
    Users.User user = Users.signUp();
    App app = register(user);
    Map<String, String> form = consentForm(app, "s");
    String token = form.get("consent_token");
    form.put("consent_token", token.substring(0, token.length() - 2) + "AA");
    form.put("username", user.username());
    form.put("password", Users.PASSWORD);
    form.put("decision", "approve");
    Api.Response answer = submit(form);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void unregisteredRedirectUriIsShownAnErrorPageNotRedirected() {
    Users.User user = Users.signUp();
    App app = register(user);
    Api.Response page =
        Api.anonymous()
            .get(
                "/oauth/?response_type=code&client_id="
                    + app.clientId()
                    + "&redirect_uri="
                    + encode("https://evil.example/steal")
                    + "&scope=boards:read");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void consentPageEscapesTheAppNameAndCannotBeFramed() {
    Users.User user = Users.signUp();
    Api.Response registered =
        user.withPassword()
            .post(
                "/v5/oauth/apps",
                Map.of("name", "<script>alert(1)</script>", "redirect_uris", List.of(CALLBACK)));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    App app = new App(registered.text("client_id"), registered.text("client_secret"));
    Api.Response page = Api.anonymous().get(authorizeUrl(app, "s"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
  }

  @Test
  void clientCredentialsGrantActsForTheAppsOwner() {
    Users.User user = Users.signUp();
    App app = register(user);
    Api.Response tokens =
        tokenRequest(
            app, Map.of("grant_type", "client_credentials", "scope", "user_accounts:read"));
    assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
    assertThat(tokens.json().has("refresh_token")).isFalse();
    Api.Response me = Api.anonymous().bearer(tokens.text("access_token")).get("/v5/user_account");
    assertThat(me.text("username")).isEqualTo(user.username());
  }

  @Test
  void deletingAnAppStopsItsTokens() {
    Users.User user = Users.signUp();
    App app = register(user);
    String access = exchange(app, authorize(user, app, ""), VERIFIER).text("access_token");
    Api.Response listed = user.withPassword().get("/v5/oauth/apps");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().path("items").findValuesAsText("client_id")).contains(app.clientId());
    assertThat(user.withPassword().delete("/v5/oauth/apps/" + app.clientId()).status())
        .isEqualTo(204);
    assertThat(Api.anonymous().bearer(access).get("/v5/user_account").status()).isEqualTo(401);
    assertThat(user.withPassword().delete("/v5/oauth/apps/" + app.clientId()).status())
        .isEqualTo(404);
  }

  // The app and the browser.

  record App(String clientId, String secret) {}

  static App register(Users.User user) {
    Api.Response registered =
        user.withPassword()
            .post("/v5/oauth/apps", Map.of("name", "Test app", "redirect_uris", List.of(CALLBACK)));
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    return new App(registered.text("client_id"), registered.text("client_secret"));
  }

  static String authorizeUrl(App app, String state) {
    return "/oauth/?response_type=code&client_id="
        + app.clientId()
        + "&redirect_uri="
        + encode(CALLBACK)
        + "&scope="
        + encode("user_accounts:read,boards:read")
        + (state.isEmpty() ? "" : "&state=" + encode(state))
        + "&code_challenge="
        + challenge(VERIFIER)
        + "&code_challenge_method=S256";
  }

  /** Opens the authorize link and reads the consent form's fields. */
  static Map<String, String> consentForm(App app, String state) {
    Api.Response page = Api.anonymous().get(authorizeUrl(app, state));
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    Matcher form = FORM.matcher(page.body());
    assertThat(form.find()).as("the page has a form").isTrue();
    assertThat(form.group(1)).isEqualTo("/oauth/");
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher hidden = HIDDEN.matcher(page.body());
    while (hidden.find()) {
      fields.put(hidden.group(1), unescape(hidden.group(2)));
    }
    assertThat(fields).containsKey("consent_token");
    return fields;
  }

  /** Runs the browser's part: opens the link, approves with the password, answers the code. */
  static String authorize(Users.User user, App app, String state) {
    Map<String, String> form = consentForm(app, state);
    form.put("username", user.username());
    form.put("password", Users.PASSWORD);
    form.put("decision", "approve");
    Api.Response answer = submit(form);
    assertThat(answer.status()).as(answer.body()).isEqualTo(302);
    String location = location(answer);
    assertThat(location).startsWith(CALLBACK + "?");
    Map<String, String> query = query(location);
    if (!state.isEmpty()) {
      assertThat(query).containsEntry("state", state);
    }
    return query.get("code");
  }

  static Api.Response submit(Map<String, String> form) {
    return Api.anonymous()
        .send("POST", "/oauth/", "application/x-www-form-urlencoded", formBody(form));
  }

  static Api.Response exchange(App app, String code, String verifier) {
    return tokenRequest(
        app,
        Map.of(
            "grant_type", "authorization_code",
            "code", code,
            "redirect_uri", CALLBACK,
            "code_verifier", verifier));
  }

  static Api.Response tokenRequest(App app, Map<String, String> form) {
    return Api.anonymous()
        .basic(app.clientId(), app.secret())
        .send("POST", "/v5/oauth/token", "application/x-www-form-urlencoded", formBody(form));
  }

  static Api.Response revoke(App app, String token) {
    return Api.anonymous()
        .basic(app.clientId(), app.secret())
        .send(
            "POST",
            "/v5/oauth/token/revoke",
            "application/x-www-form-urlencoded",
            formBody(Map.of("token", token)));
  }

  private static String location(Api.Response answer) {
    return answer.headers().firstValue("Location").orElseThrow();
  }

  private static Map<String, String> query(String location) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      query.put(
          URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  static byte[] formBody(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(encode(name))
                .append('=')
                .append(encode(value)));
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  static String challenge(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
