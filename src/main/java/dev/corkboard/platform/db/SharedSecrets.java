package dev.corkboard.platform.db;

import io.vertx.core.buffer.Buffer;
import java.security.SecureRandom;

/** Secrets that every server process on one database shares, made once and kept in it. */
public final class SharedSecrets {

  private SharedSecrets() {}

  /** The secret of the given name, made with 32 random bytes the first time it is asked for. */
  public static byte[] secret(Sql sql, String name) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    sql.update(
        "INSERT INTO server_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        name,
        Buffer.buffer(fresh));
    return sql.one(
            "SELECT secret FROM server_secrets WHERE name = $1",
            row -> row.getBuffer(0).getBytes(),
            name)
        .orElseThrow(() -> new IllegalStateException("secret " + name + " vanished"));
  }
}
