package dev.corkboard.oauth;

import dev.corkboard.account.AccountService;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Secrets;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OAuth 2 as Pinterest speaks it: apps and their secrets, the consent page's decisions, the
 * authorization code (with PKCE S256) and the token endpoint's three grants, rotating refresh
 * tokens whose reuse revokes their whole family, and revocation.
 */
public final class OAuthService {

  /** How long an access token works: 30 days, as Pinterest's. */
  public static final Duration ACCESS_LIFETIME = Duration.ofDays(30);

  /** How long a refresh token works: 60 days from its issue, as Pinterest's continuous ones. */
  public static final Duration REFRESH_LIFETIME = Duration.ofDays(60);

  /** How long an authorization code can be exchanged. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

  private static final String ACCESS_PREFIX = "cbo_";
  private static final String REFRESH_PREFIX = "cbr_";
  private static final String CODE_PREFIX = "cbc_";
  private static final String SECRET_PREFIX = "cbs_";
  private static final int NAME_MAX = 100;
  private static final int SWEEP_BATCH = 1_000;
  private static final int REDIRECT_URIS_MAX = 10;
  private static final int URI_MAX = 2000;
  private static final int STATE_MAX = 2000;
  private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private final Database database;
  private final AccountService accounts;
  private final IdGenerator ids;
  private final Bookmarks bookmarks;
  private final Clock clock;
  private final ConsentTokens consent;
  private final OAuthRepository repository = new OAuthRepository();

  public OAuthService(
      Database database,
      AccountService accounts,
      IdGenerator ids,
      Bookmarks bookmarks,
      Clock clock,
      byte[] consentSecret) {
    this.database = database;
    this.accounts = accounts;
    this.ids = ids;
    this.bookmarks = bookmarks;
    this.clock = clock;
    this.consent = new ConsentTokens(consentSecret, clock);
  }

  // Apps.

  /** Registers an app for the caller: the client secret is in the answer and nowhere else. */
  public RegisteredApp registerApp(Principal caller, String name, List<String> redirectUris) {
    String checkedName = Checks.checkLength("name", name.strip(), 1, NAME_MAX);
    if (redirectUris.isEmpty() || redirectUris.size() > REDIRECT_URIS_MAX) {
      throw new ApiException.InvalidInput(
          "redirect_uris must list 1 to " + REDIRECT_URIS_MAX + " URIs.");
    }
    Set<String> uris = new LinkedHashSet<>();
    for (int i = 0; i < redirectUris.size(); i++) {
      uris.add(checkRedirectUri("redirect_uris[" + i + "]", redirectUris.get(i)));
    }
    String secret = Secrets.create(SECRET_PREFIX);
    OAuthApp app =
        new OAuthApp(
            ids.next(Ids.shardOf(caller.accountId())),
            caller.accountId(),
            checkedName,
            List.copyOf(uris),
            now());
    database.inTransaction(tx -> repository.insertApp(tx, app, Secrets.sha256(secret)));
    return new RegisteredApp(app, secret);
  }

  /** A page of the caller's apps, newest first, without secrets. */
  public Page<OAuthApp> listApps(Principal caller, PageRequest page) {
    return bookmarks.newestFirst(
        "oauth_apps:" + caller.accountId(),
        page,
        (before, limit) -> repository.listByAccount(database, caller.accountId(), before, limit),
        OAuthApp::id);
  }

  /** Deletes one of the caller's apps; every token it holds stops working on every server. */
  public void deleteApp(Principal caller, long appId) {
    Optional<List<byte[]>> tokens =
        database.transaction(
            tx -> {
              Optional<List<byte[]>> held = repository.deleteApp(tx, caller.accountId(), appId);
              held.ifPresent(hashes -> accounts.deleteAppTokens(tx, hashes));
              return held;
            });
    accounts.forgetGrants(tokens.orElseThrow(Unknown.APP::error));
  }

  // The authorization endpoint and its consent page.

  /**
   * Checks an authorization request. A client id or redirect URI that does not check out is a 400
   * for the page to show (the browser must not be sent to a URI the app did not register); any
   * other fault is answered to the app, at its redirect URI.
   */
  public Outcome authorize(
      String clientId,
      String redirectUri,
      String responseType,
      String scope,
      String state,
      String codeChallenge,
      String challengeMethod) {
    OAuthApp app = appOf(clientId);
    if (!app.redirectUris().contains(redirectUri)) {
      throw new ApiException.InvalidInput(
          "redirect_uri is not one that the app registered; it must match exactly.");
    }
    if (state.length() > STATE_MAX) {
      throw new ApiException.InvalidInput(
          "state must be at most " + STATE_MAX + " characters long.");
    }
    if (!responseType.equals("code")) {
      return new Outcome.Redirect(answer(redirectUri, "error", "unsupported_response_type", state));
    }
    Optional<List<String>> scopes = parseScopes(scope);
    if (scopes.isEmpty()) {
      return new Outcome.Redirect(answer(redirectUri, "error", "invalid_scope", state));
    }
    if (!codeChallenge.isEmpty()
        && (!challengeMethod.equals("S256") || !CHALLENGE.matcher(codeChallenge).matches())) {
      return new Outcome.Redirect(answer(redirectUri, "error", "invalid_request", state));
    }
    Authorization request =
        new Authorization(app.id(), app.name(), redirectUri, scopes.get(), state, codeChallenge);
    return new Outcome.Consent(request, consent.sign(request));
  }

  /** The request a consent form carries; 400 if its token is forged or too old. */
  public Authorization consentRequest(String consentToken) {
    return consent.verify(consentToken);
  }

  /**
   * The account approves: 401 unless the username and password are right; otherwise where the
   * browser goes, with a new code and the app's state.
   */
  public String approve(String consentToken, String username, String password) {
    Authorization request = consent.verify(consentToken);
    Principal owner = accounts.basic(username, password);
    String code = Secrets.create(CODE_PREFIX);
    OAuthRepository.Grant grant =
        new OAuthRepository.Grant(
            request.appId(), owner.accountId(), request.scopes(), now().plus(CODE_LIFETIME));
    database.inTransaction(
        tx ->
            repository.insertCode(
                tx, Secrets.sha256(code), grant, request.redirectUri(), request.codeChallenge()));
    return answer(request.redirectUri(), "code", code, request.state());
  }

  /** The account denies: where the browser goes, with {@code error=access_denied}. */
  public String deny(String consentToken) {
    Authorization request = consent.verify(consentToken);
    return answer(request.redirectUri(), "error", "access_denied", request.state());
  }

  // The token endpoint.

  /**
   * Answers {@code POST /v5/oauth/token} for the app that {@code clientId} and {@code clientSecret}
   * authenticate.
   */
  public TokenAnswer token(String clientId, String clientSecret, Map<String, String> form) {
    OAuthApp app = authenticateClient(clientId, clientSecret);
    String grantType = required(form, "grant_type");
    return switch (grantType) {
      case "authorization_code" -> exchangeCode(app, form);
      case "refresh_token" -> refresh(app, form);
      case "client_credentials" -> clientCredentials(app, form);
      default ->
          throw new ApiException.InvalidInput(
              "grant_type must be authorization_code, refresh_token or client_credentials, not '"
                  + Checks.clip(grantType)
                  + "'.");
    };
  }

  private TokenAnswer exchangeCode(OAuthApp app, Map<String, String> form) {
    String code = required(form, "code");
    String redirectUri = required(form, "redirect_uri");
    Optional<String> verifier = Optional.ofNullable(form.get("code_verifier"));
    Instant now = now();
    return database.transaction(
        tx -> {
          OAuthRepository.Code taken =
              repository
                  .takeCode(tx, Secrets.sha256(code))
                  .filter(c -> c.grant().appId() == app.id())
                  .filter(c -> c.grant().expiresAt().isAfter(now))
                  .orElseThrow(
                      () ->
                          new ApiException.InvalidInput(
                              "code is unknown, expired, already used or not this app's."));
          if (!taken.redirectUri().equals(redirectUri)) {
            throw new ApiException.InvalidInput(
                "redirect_uri must be the one the authorization was asked with.");
          }
          checkVerifier(taken.challenge(), verifier);
          return issue(
              tx,
              taken.grant(),
              ids.next(Ids.shardOf(taken.grant().accountId())),
              now,
              "authorization_code");
        });
  }

  private static void checkVerifier(String challenge, Optional<String> verifier) {
    if (challenge.isEmpty()) {
      if (verifier.isPresent()) {
        throw new ApiException.InvalidInput(
            "code_verifier was sent, but the authorization had no code_challenge.");
      }
      return;
    }
    if (verifier.isEmpty()) {
      throw new ApiException.InvalidInput(
          "code_verifier is required: the authorization was asked with a code_challenge.");
    }
    if (!VERIFIER.matcher(verifier.get()).matches()) {
      throw new ApiException.InvalidInput(
          "code_verifier must be 43 to 128 letters, digits, '-', '.', '_' or '~'.");
    }
    String computed =
        Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.sha256(verifier.get()));
    if (!Secrets.same(
        computed.getBytes(StandardCharsets.US_ASCII),
        challenge.getBytes(StandardCharsets.US_ASCII))) {
      throw new ApiException.InvalidInput(
          "code_verifier does not match the code_challenge (S256) of the authorization.");
    }
  }

  private TokenAnswer refresh(OAuthApp app, Map<String, String> form) {
    String token = required(form, "refresh_token");
    Optional<String> narrower = Optional.ofNullable(form.get("scope"));
    byte[] hash = Secrets.sha256(token);
    Instant now = now();
    Refreshed refreshed =
        database.transaction(
            tx -> {
              Optional<OAuthRepository.RefreshToken> found =
                  repository.lockRefreshToken(tx, hash).filter(r -> r.grant().appId() == app.id());
              if (found.isEmpty() || !found.get().grant().expiresAt().isAfter(now)) {
                throw new ApiException.InvalidInput(
                    "refresh_token is unknown, expired, revoked or not this app's.");
              }
              OAuthRepository.RefreshToken old = found.get();
              if (old.used()) {
                // A rotated token came back: someone holds a copy. Stop the whole family.
                List<byte[]> stopped = repository.deleteFamily(tx, old.familyId());
                accounts.deleteAppTokens(tx, stopped);
                return new Refreshed(Optional.empty(), stopped);
              }
              List<String> scopes = old.grant().scopes();
              if (narrower.isPresent()) {
                List<String> asked =
                    parseScopes(narrower.get())
                        .filter(scopes::containsAll)
                        .orElseThrow(
                            () ->
                                new ApiException.InvalidInput(
                                    "scope must name scopes that the refresh token grants."));
                scopes = asked;
              }
              repository.markUsed(tx, hash, now);
              OAuthRepository.Grant grant =
                  new OAuthRepository.Grant(app.id(), old.grant().accountId(), scopes, now);
              return new Refreshed(
                  Optional.of(issue(tx, grant, old.familyId(), now, "refresh_token")), List.of());
            });
    if (refreshed.answer().isEmpty()) {
      accounts.forgetGrants(refreshed.stopped());
      throw new ApiException.InvalidInput(
          "refresh_token was already used once; every token of its authorization is revoked.");
    }
    return refreshed.answer().get();
  }

  private TokenAnswer clientCredentials(OAuthApp app, Map<String, String> form) {
    List<String> scopes =
        parseScopes(required(form, "scope"))
            .orElseThrow(() -> new ApiException.InvalidInput("scope must name known v5 scopes."));
    Instant now = now();
    long family = ids.next(Ids.shardOf(app.accountId()));
    String access = Secrets.create(ACCESS_PREFIX);
    Instant expires = now.plus(ACCESS_LIFETIME);
    database.inTransaction(
        tx -> {
          byte[] hash = Secrets.sha256(access);
          accounts.insertAppToken(tx, hash, app.accountId(), scopeSet(scopes), expires);
          repository.insertAccessToken(tx, hash, family, app.id(), expires);
        });
    return new TokenAnswer(
        access,
        "client_credentials",
        ACCESS_LIFETIME.toSeconds(),
        String.join(",", scopes),
        Optional.empty());
  }

  /** Issues an access token and a refresh token of the family, inside the caller's transaction. */
  private TokenAnswer issue(
      Sql tx, OAuthRepository.Grant grant, long family, Instant now, String responseType) {
    String access = Secrets.create(ACCESS_PREFIX);
    String refresh = Secrets.create(REFRESH_PREFIX);
    byte[] accessHash = Secrets.sha256(access);
    Instant accessExpires = now.plus(ACCESS_LIFETIME);
    Instant refreshExpires = now.plus(REFRESH_LIFETIME);
    accounts.insertAppToken(
        tx, accessHash, grant.accountId(), scopeSet(grant.scopes()), accessExpires);
    repository.insertAccessToken(tx, accessHash, family, grant.appId(), accessExpires);
    repository.insertRefreshToken(
        tx,
        Secrets.sha256(refresh),
        family,
        new OAuthRepository.Grant(
            grant.appId(), grant.accountId(), grant.scopes(), refreshExpires));
    return new TokenAnswer(
        access,
        responseType,
        ACCESS_LIFETIME.toSeconds(),
        String.join(",", grant.scopes()),
        Optional.of(
            new TokenAnswer.Refresh(
                refresh, REFRESH_LIFETIME.toSeconds(), refreshExpires.getEpochSecond())));
  }

  /**
   * Revokes a token the app holds. A refresh token takes every token of its authorization with it;
   * a token the app does not hold, or that does not exist, is answered alike (RFC 7009).
   */
  public void revoke(String clientId, String clientSecret, Map<String, String> form) {
    OAuthApp app = authenticateClient(clientId, clientSecret);
    byte[] hash = Secrets.sha256(required(form, "token"));
    String hint = form.getOrDefault("token_type_hint", "");
    if (!hint.isEmpty() && !hint.equals("access_token") && !hint.equals("refresh_token")) {
      throw new ApiException.InvalidInput(
          "token_type_hint must be access_token or refresh_token, not '"
              + Checks.clip(hint)
              + "'.");
    }
    List<byte[]> stopped =
        database.transaction(
            tx -> {
              Optional<OAuthRepository.RefreshToken> refresh =
                  repository.lockRefreshToken(tx, hash).filter(r -> r.grant().appId() == app.id());
              List<byte[]> hashes = new ArrayList<>();
              if (refresh.isPresent()) {
                hashes.addAll(repository.deleteFamily(tx, refresh.get().familyId()));
              } else if (repository.deleteAccessToken(tx, hash, app.id())) {
                hashes.add(hash);
              }
              accounts.deleteAppTokens(tx, hashes);
              return hashes;
            });
    accounts.forgetGrants(stopped);
  }

  /**
   * Deletes expired codes and refresh tokens, and a batch of expired access tokens with their
   * lookups; answers how many access tokens it deleted. Expired ones fail authentication anyway;
   * this only keeps the tables from growing.
   */
  public int sweep() {
    Instant now = now();
    return database.transaction(
        tx -> {
          List<byte[]> expired = repository.deleteExpired(tx, now, SWEEP_BATCH);
          accounts.deleteAppTokens(tx, expired);
          return expired.size();
        });
  }

  // Checks.

  private OAuthApp authenticateClient(String clientId, String clientSecret) {
    Optional<OAuthRepository.StoredApp> stored =
        DIGITS.matcher(clientId).matches()
            ? parseId(clientId).flatMap(id -> repository.findApp(database, id))
            : Optional.empty();
    if (stored.isEmpty()
        || !Secrets.same(stored.get().secretHash(), Secrets.sha256(clientSecret))) {
      throw new ApiException.Unauthenticated(
          "Authentication failed: unknown client_id or wrong client_secret.");
    }
    return stored.get().app();
  }

  private OAuthApp appOf(String clientId) {
    return (DIGITS.matcher(clientId).matches() ? parseId(clientId) : Optional.<Long>empty())
        .flatMap(id -> repository.findApp(database, id))
        .map(OAuthRepository.StoredApp::app)
        .orElseThrow(() -> new ApiException.InvalidInput("client_id names no registered app."));
  }

  private static Optional<Long> parseId(String digits) {
    try {
      return Optional.of(Long.parseLong(digits)).filter(id -> id > 0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Scopes as OAuth sends them (comma- or space-separated); empty if none or one unknown. */
  static Optional<List<String>> parseScopes(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : text.split("[,\\s]+")) {
      if (name.isEmpty()) {
        continue;
      }
      if (Scope.fromWireName(name).isEmpty()) {
        return Optional.empty();
      }
      names.add(name);
    }
    return names.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(names));
  }

  private static Set<Scope> scopeSet(List<String> names) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    names.forEach(n -> Scope.fromWireName(n).ifPresent(scopes::add));
    return scopes;
  }

  private static String checkRedirectUri(String field, String value) {
    if (value.length() > URI_MAX) {
      throw new ApiException.InvalidInput(field + " must be at most " + URI_MAX + " characters.");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ApiException.InvalidInput(field + " is not a URI: '" + Checks.clip(value) + "'.");
    }
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    boolean http = "http".equalsIgnoreCase(uri.getScheme());
    if (!(https || http) || uri.getHost() == null || uri.getRawFragment() != null) {
      throw new ApiException.InvalidInput(
          field + " must be an absolute http or https URI without a fragment.");
    }
    return value;
  }

  private static String required(Map<String, String> form, String name) {
    String value = form.get(name);
    if (value == null || value.isEmpty()) {
      throw new ApiException.InvalidInput(name + " is required.");
    }
    return value;
  }

  /** The redirect URI with one answer parameter and the app's state added to its query. */
  private static String answer(String redirectUri, String name, String value, String state) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(name, value);
    if (!state.isEmpty()) {
      parameters.put("state", state);
    }
    StringBuilder location = new StringBuilder(redirectUri);
    char separator = redirectUri.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      location
          .append(separator)
          .append(parameter.getKey())
          .append('=')
          .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return location.toString();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** What an authorization request leads to: the consent page, or straight back to the app. */
  public sealed interface Outcome {

    /** Ask the account, with the form's signed token. */
    record Consent(Authorization request, String consentToken) implements Outcome {}

    /** Send the browser back to the app with an error. */
    record Redirect(String location) implements Outcome {}
  }

  /**
   * A newly registered app with its client secret, shown once.
   *
   * @param app the app
   * @param clientSecret the secret the app authenticates with
   */
  public record RegisteredApp(OAuthApp app, String clientSecret) {}

  /**
   * The answer of the token endpoint.
   *
   * @param accessToken the bearer secret
   * @param responseType the grant it answers, as Pinterest names it
   * @param expiresIn seconds until the access token expires
   * @param scope the scopes, comma-separated as Pinterest writes them
   * @param refresh the refresh token, for the grants that issue one
   */
  public record TokenAnswer(
      String accessToken,
      String responseType,
      long expiresIn,
      String scope,
      Optional<Refresh> refresh) {

    /**
     * A refresh token.
     *
     * @param token the secret
     * @param expiresIn seconds until it expires
     * @param expiresAt when it expires, in seconds since the epoch
     */
    public record Refresh(String token, long expiresIn, long expiresAt) {}
  }

  /** What a refresh did: a new answer, or the family it stopped after a rotated token's reuse. */
  private record Refreshed(Optional<TokenAnswer> answer, List<byte[]> stopped) {}
}
