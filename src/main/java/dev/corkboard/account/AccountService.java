package dev.corkboard.account;

import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Authenticator;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Secrets;
import dev.corkboard.platform.api.Throttle;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.cache.ReadCache;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.db.UniqueViolation;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Sign-up, password and token authentication, and token management. Implements the server's {@link
 * Authenticator}: one primary-key read per bearer-authenticated request.
 */
public final class AccountService implements Authenticator {

  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.]{3,30}");
  private static final Pattern ALL_DIGITS = Pattern.compile("\\d+");
  private static final int PASSWORD_MIN = 8;
  private static final int PASSWORD_MAX = 256;
  private static final int TOKEN_NAME_MAX = 100;
  private static final String TOKEN_PREFIX = "cbk_";

  /** What the grants of some 100,000 tokens weigh in memory. */
  private static final long GRANT_CACHE_BYTES = 16L << 20;

  /** What one grant weighs: its key (64 hex digits), the principal and its scope set. */
  private static final int GRANT_BYTES = 160;

  private final Database database;
  private final AccountRepository accounts;
  private final TokenRepository tokens;
  private final IdGenerator ids;
  private final Bookmarks bookmarks;
  private final PasswordHasher hasher = new PasswordHasher();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final boolean registrationOpen;
  private final String secretTotalsSql;
  private final ReadCache<String, Grant> grants;
  private final Throttle throttle;
  private volatile @Nullable String dummyHash;

  public AccountService(
      Database database,
      IdGenerator ids,
      Bookmarks bookmarks,
      Clock clock,
      boolean registrationOpen,
      String secretTotalsSql,
      ReadCaches caches,
      Throttle throttle) {
    this.database = database;
    this.throttle = throttle;
    // Served whatever --read-cache says: every request with a token needs its grant.
    this.grants =
        caches.createAlwaysOn("token_grants", GRANT_CACHE_BYTES, p -> GRANT_BYTES, k -> k);
    this.secretTotalsSql = secretTotalsSql;
    this.accounts = new AccountRepository();
    this.tokens = new TokenRepository();
    this.ids = ids;
    this.bookmarks = bookmarks;
    this.clock = clock;
    this.registrationOpen = registrationOpen;
  }

  /** Creates an account; 403 when registration is closed, 409 when the username is taken. */
  public Account register(String username, String password) {
    if (!registrationOpen) {
      throw new ApiException.Forbidden("Registration is closed on this server.");
    }
    if (!USERNAME.matcher(username).matches() || ALL_DIGITS.matcher(username).matches()) {
      throw new ApiException.InvalidInput(
          "username must be 3 to 30 letters, digits, '_' or '.', and not all digits.");
    }
    int length = password.codePointCount(0, password.length());
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
      throw new ApiException.InvalidInput(
          "password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters long.");
    }
    String hash = hasher.hash(password);
    short shard = (short) random.nextInt(Ids.SHARDS);
    long id = ids.next(shard);
    try {
      database.inTransaction(
          tx -> {
            accounts.insertUsername(tx, username, id);
            accounts.insert(tx, id, username, hash);
          });
    } catch (UniqueViolation e) {
      throw new ApiException.Conflict("username '" + username + "' is already taken.");
    }
    return account(id);
  }

  /** The account with its live counts. */
  public Account account(long accountId) {
    return accounts.find(database, accountId).orElseThrow(() -> Unknown.USER.error());
  }

  /**
   * The caller's account with the counts it may see: boards and pins it may not list (the secret
   * ones, without the access policy's secret scopes) are not counted.
   */
  public Account account(Principal caller) {
    boolean boards = !AccessPolicy.listsSecretBoards(caller);
    boolean pins = !AccessPolicy.listsSecretPins(caller);
    return (boards || pins
            ? accounts.findLess(database, caller.accountId(), secretTotalsSql, boards, pins)
            : accounts.find(database, caller.accountId()))
        .orElseThrow(() -> Unknown.USER.error());
  }

  /**
   * The id of the account with this username (ignoring case): 404, code 30, if there is none. A
   * name no account could have (a NUL byte, which PostgreSQL's text cannot hold, or any other
   * character the username rule refuses) is answered so without asking the database.
   */
  public long accountIdOf(String username) {
    if (!USERNAME.matcher(username).matches()) {
      throw Unknown.USER.error();
    }
    return accounts.findIdByUsername(database, username).orElseThrow(Unknown.USER::error);
  }

  /**
   * An account as anyone may see it: its counts leave out its secret (and protected) boards and
   * their pins, whoever asks, the account itself included.
   */
  public Account publicProfile(long accountId) {
    return accounts
        .findLess(database, accountId, secretTotalsSql, true, true)
        .orElseThrow(Unknown.USER::error);
  }

  /**
   * Adds to an account's follower and following counts inside the caller's transaction, so they
   * change exactly when the follows they count do. It locks the account's row as {@link
   * #lockForWrites} does.
   */
  public void addToFollowCounts(Sql tx, long accountId, int followers, int following) {
    accounts.addToFollowCounts(tx, accountId, followers, following);
  }

  /**
   * Locks the account's row until the caller's transaction ends. Every write to an account's
   * boards, sections and pins takes this lock first, before any of their rows (the lock order of
   * {@link dev.corkboard.platform.db}), so such writes of one account run one after the other
   * instead of deadlocking.
   */
  public void lockForWrites(Sql tx, long accountId) {
    accounts.lockForWrites(tx, accountId);
  }

  /**
   * Adds to an account's board and pin counts inside the caller's transaction, so the counts change
   * exactly when the boards and pins they count do. It locks the account's row as {@link
   * #lockForWrites} does, so a write that changes the counts may do it first, as its first lock.
   */
  public void addToCounts(Sql tx, long accountId, int boards, int pins) {
    accounts.addToCounts(tx, accountId, boards, pins);
  }

  /** Issues a token for the caller: the secret is in the answer and nowhere else. */
  public IssuedToken issueToken(Principal caller, String name, List<String> scopeNames) {
    String checkedName = name.strip();
    if (checkedName.isEmpty()
        || checkedName.codePointCount(0, checkedName.length()) > TOKEN_NAME_MAX) {
      throw new ApiException.InvalidInput(
          "name must be 1 to " + TOKEN_NAME_MAX + " characters long.");
    }
    if (scopeNames.isEmpty()) {
      throw new ApiException.InvalidInput("scopes must name at least one scope.");
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String scopeName : scopeNames) {
      scopes.add(
          Scope.fromWireName(scopeName)
              .orElseThrow(
                  () ->
                      new ApiException.InvalidInput(
                          "scopes has an unknown scope '" + Checks.clip(scopeName) + "'.")));
    }
    String secret = Secrets.create(TOKEN_PREFIX);
    AccessToken token =
        new AccessToken(
            ids.next(Ids.shardOf(caller.accountId())),
            caller.accountId(),
            checkedName,
            List.copyOf(scopes),
            clock.instant().truncatedTo(ChronoUnit.MICROS));
    database.inTransaction(
        tx -> {
          tokens.insert(tx, token, Secrets.sha256(secret));
        });
    return new IssuedToken(token, secret);
  }

  /** A page of the caller's tokens, newest first, without secrets. */
  public Page<AccessToken> listTokens(Principal caller, PageRequest page) {
    String list = "tokens:" + caller.accountId();
    return bookmarks.newestFirst(
        list,
        page,
        (before, limit) -> tokens.listByAccount(database, caller.accountId(), before, limit),
        AccessToken::id);
  }

  /**
   * Revokes one of the caller's tokens: once this answers, no server on the database accepts it
   * (the read caches' invalidation, see {@code platform.cache.Coherence}).
   */
  public void revokeToken(Principal caller, long tokenId) {
    Optional<byte[]> hash =
        database.transaction(tx -> tokens.delete(tx, caller.accountId(), tokenId));
    if (hash.isEmpty()) {
      throw Unknown.TOKEN.error();
    }
    grants.invalidate(grantKey(hash.get()));
  }

  /** The key of a token's grant: the hex of its secret's SHA-256. */
  private static String grantKey(byte[] hash) {
    return Secrets.hex(hash);
  }

  @Override
  public Principal bearer(String token) {
    byte[] hash = Secrets.sha256(token);
    String key = grantKey(hash);
    Optional<Grant> cached = grants.get(key);
    Grant grant;
    if (cached.isPresent()) {
      grant = cached.get();
    } else {
      ReadCache.Ticket ticket = grants.ticket(key);
      grant =
          tokens
              .findGrant(database, hash)
              .map(
                  g ->
                      new Grant(
                          new Principal(g.accountId(), Set.copyOf(g.scopes()), g.tokenId()),
                          g.expiresAt()))
              .orElseThrow(
                  () ->
                      new ApiException.Unauthenticated(
                          "Authentication failed: the token is unknown or was revoked."));
      grants.put(key, ticket, grant);
    }
    if (!clock.instant().isBefore(grant.expiresAt())) {
      throw new ApiException.Unauthenticated("Authentication failed: the token has expired.");
    }
    return grant.principal();
  }

  /**
   * Lets an app's access token authenticate, inside the caller's transaction, until {@code
   * expiresAt}. The token is not one of the account's personal tokens and is not listed with them.
   */
  public void insertAppToken(
      Sql tx, byte[] secretHash, long accountId, Set<Scope> scopes, Instant expiresAt) {
    tokens.insertLookup(
        tx,
        secretHash,
        ids.next(Ids.shardOf(accountId)),
        accountId,
        List.copyOf(scopes),
        expiresAt);
  }

  /**
   * Stops apps' access tokens authenticating, inside the caller's transaction; once it has
   * committed, {@link #forgetGrants} makes every server forget them.
   */
  public void deleteAppTokens(Sql tx, List<byte[]> secretHashes) {
    for (byte[] hash : secretHashes) {
      tokens.deleteLookup(tx, hash);
    }
  }

  /** Makes every server on the database forget what the tokens granted. */
  public void forgetGrants(List<byte[]> secretHashes) {
    secretHashes.forEach(hash -> grants.invalidate(grantKey(hash)));
  }

  @Override
  public Principal basic(String username, String password) {
    // Per username, whichever address asks: guessing one account's password stays slow.
    throttle.require("auth_user", username.toLowerCase(java.util.Locale.ROOT));
    Optional<AccountRepository.Credentials> credentials =
        accounts.findCredentials(database, username);
    // Hash even for an unknown username, so timing does not tell which usernames exist.
    boolean matches =
        hasher.matches(password, credentials.map(c -> c.passwordHash()).orElseGet(this::dummyHash));
    if (credentials.isEmpty() || !matches) {
      throw new ApiException.Unauthenticated(
          "Authentication failed: unknown username or wrong password.");
    }
    return new Principal(credentials.get().accountId(), EnumSet.allOf(Scope.class), 0);
  }

  private String dummyHash() {
    String hash = dummyHash;
    if (hash == null) {
      hash = hasher.hash("not the password of anybody");
      dummyHash = hash;
    }
    return hash;
  }

  /** What a token grants, and until when; personal tokens never expire. */
  private record Grant(Principal principal, Instant expiresAt) {}

  /**
   * A newly issued token with its secret.
   *
   * @param token the token
   * @param secret the bearer secret, shown once
   */
  public record IssuedToken(AccessToken token, String secret) {}
}
