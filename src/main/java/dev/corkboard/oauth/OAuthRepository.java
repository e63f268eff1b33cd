package dev.corkboard.oauth;

import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Stores registered apps, authorization codes, refresh tokens and the access tokens each app holds.
 * Secrets are stored as their SHA-256 only.
 */
final class OAuthRepository {

  void insertApp(Sql sql, OAuthApp app, byte[] secretHash) {
    sql.update(
        """
        INSERT INTO oauth_apps (shard, id, account_id, name, secret_hash, redirect_uris, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """,
        Ids.shardOf(app.id()),
        app.id(),
        app.accountId(),
        app.name(),
        Buffer.buffer(secretHash),
        app.redirectUris().toArray(String[]::new),
        app.createdAt().atOffset(ZoneOffset.UTC));
  }

  Optional<StoredApp> findApp(Sql sql, long appId) {
    return sql.one(
        """
        SELECT id, account_id, name, redirect_uris, created_at, secret_hash FROM oauth_apps
        WHERE shard = $1 AND id = $2
        """,
        row -> new StoredApp(app(row), row.getBuffer("secret_hash").getBytes()),
        Ids.shardOf(appId),
        appId);
  }

  /** A page of the owner's apps, newest first, after {@code beforeId}. */
  List<OAuthApp> listByAccount(Sql sql, long accountId, long beforeId, int limit) {
    return sql.list(
        """
        SELECT id, account_id, name, redirect_uris, created_at FROM oauth_apps
        WHERE shard = $1 AND account_id = $2 AND id < $3
        ORDER BY id DESC LIMIT $4
        """,
        OAuthRepository::app,
        Ids.shardOf(accountId),
        accountId,
        beforeId,
        limit);
  }

  /**
   * Deletes the owner's app with its codes and refresh tokens; answers the hashes of the access
   * tokens it held (for the caller to stop), or empty if the owner has no such app.
   */
  Optional<List<byte[]>> deleteApp(Sql sql, long accountId, long appId) {
    int deleted =
        sql.update(
            "DELETE FROM oauth_apps WHERE shard = $1 AND id = $2 AND account_id = $3",
            Ids.shardOf(appId),
            appId,
            accountId);
    if (deleted == 0) {
      return Optional.empty();
    }
    sql.update("DELETE FROM oauth_codes WHERE app_id = $1", appId);
    sql.update("DELETE FROM oauth_refresh_tokens WHERE app_id = $1", appId);
    return Optional.of(
        sql.list(
            "DELETE FROM oauth_access_tokens WHERE app_id = $1 RETURNING token_hash",
            row -> row.getBuffer(0).getBytes(),
            appId));
  }

  void insertCode(Sql sql, byte[] codeHash, Grant grant, String redirectUri, String challenge) {
    sql.update(
        """
        INSERT INTO oauth_codes
          (code_hash, app_id, account_id, redirect_uri, code_challenge, scopes, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """,
        Buffer.buffer(codeHash),
        grant.appId(),
        grant.accountId(),
        redirectUri,
        challenge,
        grant.scopes().toArray(String[]::new),
        grant.expiresAt().atOffset(ZoneOffset.UTC));
  }

  /**
   * Takes the code: deleting it is what makes it single-use, since two exchanges of one code race
   * for one row and only one deletes it.
   */
  Optional<Code> takeCode(Sql sql, byte[] codeHash) {
    return sql.one(
        """
        DELETE FROM oauth_codes WHERE code_hash = $1
        RETURNING app_id, account_id, scopes, expires_at, redirect_uri, code_challenge
        """,
        row ->
            new Code(
                new Grant(
                    row.getLong(0),
                    row.getLong(1),
                    List.of(row.getArrayOfStrings(2)),
                    row.getOffsetDateTime(3).toInstant()),
                row.getString(4),
                row.getString(5)),
        Buffer.buffer(codeHash));
  }

  void insertRefreshToken(Sql sql, byte[] tokenHash, long familyId, Grant grant) {
    sql.update(
        """
        INSERT INTO oauth_refresh_tokens
          (token_hash, family_id, app_id, account_id, scopes, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6)
        """,
        Buffer.buffer(tokenHash),
        familyId,
        grant.appId(),
        grant.accountId(),
        grant.scopes().toArray(String[]::new),
        grant.expiresAt().atOffset(ZoneOffset.UTC));
  }

  /**
   * The refresh token, locked until the transaction ends, so two refreshes with one token run one
   * after the other and the second sees the first's use.
   */
  Optional<RefreshToken> lockRefreshToken(Sql sql, byte[] tokenHash) {
    return sql.one(
        """
        SELECT family_id, app_id, account_id, scopes, expires_at, used_at IS NOT NULL
        FROM oauth_refresh_tokens WHERE token_hash = $1 FOR UPDATE
        """,
        row ->
            new RefreshToken(
                row.getLong(0),
                new Grant(
                    row.getLong(1),
                    row.getLong(2),
                    List.of(row.getArrayOfStrings(3)),
                    row.getOffsetDateTime(4).toInstant()),
                row.getBoolean(5)),
        Buffer.buffer(tokenHash));
  }

  void markUsed(Sql sql, byte[] tokenHash, Instant now) {
    sql.update(
        "UPDATE oauth_refresh_tokens SET used_at = $2 WHERE token_hash = $1",
        Buffer.buffer(tokenHash),
        now.atOffset(ZoneOffset.UTC));
  }

  void insertAccessToken(Sql sql, byte[] tokenHash, long familyId, long appId, Instant expiresAt) {
    sql.update(
        """
        INSERT INTO oauth_access_tokens (token_hash, family_id, app_id, expires_at)
        VALUES ($1, $2, $3, $4)
        """,
        Buffer.buffer(tokenHash),
        familyId,
        appId,
        expiresAt.atOffset(ZoneOffset.UTC));
  }

  /** The family of the app's access token, if the app holds it. */
  Optional<Long> findAccessFamily(Sql sql, byte[] tokenHash, long appId) {
    return sql.one(
        "SELECT family_id FROM oauth_access_tokens WHERE token_hash = $1 AND app_id = $2",
        row -> row.getLong(0),
        Buffer.buffer(tokenHash),
        appId);
  }

  /** Deletes one access token of the app; answers whether it held it. */
  boolean deleteAccessToken(Sql sql, byte[] tokenHash, long appId) {
    return sql.update(
            "DELETE FROM oauth_access_tokens WHERE token_hash = $1 AND app_id = $2",
            Buffer.buffer(tokenHash),
            appId)
        > 0;
  }

  /**
   * Deletes a family's refresh tokens and access tokens; answers the access tokens' hashes, for the
   * caller to stop.
   */
  List<byte[]> deleteFamily(Sql sql, long familyId) {
    sql.update("DELETE FROM oauth_refresh_tokens WHERE family_id = $1", familyId);
    return sql.list(
        "DELETE FROM oauth_access_tokens WHERE family_id = $1 RETURNING token_hash",
        row -> row.getBuffer(0).getBytes(),
        familyId);
  }

  /**
   * Deletes codes and refresh tokens that expired before {@code now}, and up to {@code limit} such
   * access tokens; answers the access tokens' hashes, for the caller to stop looking up.
   */
  List<byte[]> deleteExpired(Sql sql, Instant now, int limit) {
    sql.update("DELETE FROM oauth_codes WHERE expires_at < $1", now.atOffset(ZoneOffset.UTC));
    sql.update(
        "DELETE FROM oauth_refresh_tokens WHERE expires_at < $1", now.atOffset(ZoneOffset.UTC));
    return sql.list(
        """
        DELETE FROM oauth_access_tokens WHERE token_hash IN (
          SELECT token_hash FROM oauth_access_tokens WHERE expires_at < $1 LIMIT $2)
        RETURNING token_hash
        """,
        row -> row.getBuffer(0).getBytes(),
        now.atOffset(ZoneOffset.UTC),
        limit);
  }

  private static OAuthApp app(Row row) {
    return new OAuthApp(
        row.getLong("id"),
        row.getLong("account_id"),
        row.getString("name"),
        Arrays.asList(row.getArrayOfStrings("redirect_uris")),
        row.getOffsetDateTime("created_at").toInstant());
  }

  /** An app with the hash of its client secret. */
  record StoredApp(OAuthApp app, byte[] secretHash) {}

  /**
   * What an authorization grants an app: the account, the scopes (wire names) and until when.
   *
   * @param appId the app
   * @param accountId the account that authorized it
   * @param scopes the scopes' wire names
   * @param expiresAt when the code or refresh token stops working
   */
  record Grant(long appId, long accountId, List<String> scopes, Instant expiresAt) {

    Grant {
      scopes = List.copyOf(scopes);
    }
  }

  /** An authorization code, with what it is bound to. */
  record Code(Grant grant, String redirectUri, String challenge) {}

  /** A refresh token, and whether it was used already. */
  record RefreshToken(long familyId, Grant grant, boolean used) {}
}
