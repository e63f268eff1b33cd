package dev.corkboard.account;

import dev.corkboard.platform.api.Scope;
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
 * Stores access tokens: the owner's list in {@code tokens}, and the hash of each secret in the
 * global {@code token_lookup}, which authenticates a request in one primary-key read.
 */
final class TokenRepository {

  void insert(Sql sql, AccessToken token, byte[] secretHash) {
    String[] scopes = wireNames(token.scopes());
    short shard = Ids.shardOf(token.accountId());
    sql.update(
        """
        INSERT INTO tokens (shard, id, account_id, name, scopes, token_hash, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """,
        shard,
        token.id(),
        token.accountId(),
        token.name(),
        scopes,
        Buffer.buffer(secretHash),
        token.createdAt().atOffset(ZoneOffset.UTC));
    sql.update(
        """
        INSERT INTO token_lookup (token_hash, shard, token_id, account_id, scopes)
        VALUES ($1, $2, $3, $4, $5)
        """,
        Buffer.buffer(secretHash),
        shard,
        token.id(),
        token.accountId(),
        scopes);
  }

  /** Lets an app's access token authenticate until it expires; it has no row in tokens. */
  void insertLookup(
      Sql sql,
      byte[] secretHash,
      long tokenId,
      long accountId,
      List<Scope> scopes,
      Instant expiresAt) {
    sql.update(
        """
        INSERT INTO token_lookup (token_hash, shard, token_id, account_id, scopes, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6)
        """,
        Buffer.buffer(secretHash),
        Ids.shardOf(accountId),
        tokenId,
        accountId,
        wireNames(scopes),
        expiresAt.atOffset(ZoneOffset.UTC));
  }

  /** Stops the token whose secret hashes to {@code secretHash} authenticating. */
  void deleteLookup(Sql sql, byte[] secretHash) {
    sql.update("DELETE FROM token_lookup WHERE token_hash = $1", Buffer.buffer(secretHash));
  }

  /** The owner, scopes and expiry of the token whose secret hashes to {@code secretHash}. */
  Optional<TokenGrant> findGrant(Sql sql, byte[] secretHash) {
    return sql.one(
        "SELECT token_id, account_id, scopes, expires_at FROM token_lookup WHERE token_hash = $1",
        row ->
            new TokenGrant(
                row.getLong(0),
                row.getLong(1),
                scopes(row.getArrayOfStrings(2)),
                row.getValue(3) == null ? Instant.MAX : row.getOffsetDateTime(3).toInstant()),
        Buffer.buffer(secretHash));
  }

  /** A page of the owner's tokens, newest first, after {@code beforeId}. */
  List<AccessToken> listByAccount(Sql sql, long accountId, long beforeId, int limit) {
    return sql.list(
        """
        SELECT id, account_id, name, scopes, created_at FROM tokens
        WHERE shard = $1 AND account_id = $2 AND id < $3
        ORDER BY id DESC LIMIT $4
        """,
        TokenRepository::token,
        Ids.shardOf(accountId),
        accountId,
        beforeId,
        limit);
  }

  /** Deletes the owner's token and its lookup entry; answers the secret's hash if it existed. */
  Optional<byte[]> delete(Sql sql, long accountId, long tokenId) {
    Optional<Buffer> hash =
        sql.one(
            "DELETE FROM tokens WHERE shard = $1 AND id = $2 AND account_id = $3"
                + " RETURNING token_hash",
            row -> row.getBuffer(0),
            Ids.shardOf(tokenId),
            tokenId,
            accountId);
    hash.ifPresent(h -> sql.update("DELETE FROM token_lookup WHERE token_hash = $1", h));
    return hash.map(Buffer::getBytes);
  }

  private static AccessToken token(Row row) {
    return new AccessToken(
        row.getLong("id"),
        row.getLong("account_id"),
        row.getString("name"),
        scopes(row.getArrayOfStrings("scopes")),
        row.getOffsetDateTime("created_at").toInstant());
  }

  private static List<Scope> scopes(String[] names) {
    return Arrays.stream(names).flatMap(n -> Scope.fromWireName(n).stream()).toList();
  }

  private static String[] wireNames(List<Scope> scopes) {
    return scopes.stream().map(Scope::wireName).toArray(String[]::new);
  }

  /** What a token grants, and until when ({@link Instant#MAX} for a personal token). */
  record TokenGrant(long tokenId, long accountId, List<Scope> scopes, Instant expiresAt) {}
}
