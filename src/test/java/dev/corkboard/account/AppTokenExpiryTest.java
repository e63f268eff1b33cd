package dev.corkboard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Secrets;
import dev.corkboard.platform.api.Throttle;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.support.HandClock;
import dev.corkboard.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An app's access token, on the real embedded PostgreSQL with a clock the test moves. */
class AppTokenExpiryTest {

  private static final IdGenerator IDS = new IdGenerator(12, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final HandClock clock = new HandClock(Instant.now());
  private final AccountService accounts =
      new AccountService(
          db,
          IDS,
          new Bookmarks(new byte[32]),
          clock,
          true,
          "SELECT 0",
          new ReadCaches(true, new SimpleMeterRegistry()),
          Throttle.NONE);

  @Test
  void appTokenAuthenticatesUntilItExpiresThenAnswers401() {
    long account =
        TestDatabase.insertAccount(db, IDS.next((short) 9), "expiry" + System.nanoTime());
    String secret = Secrets.create("cbo_");
    db.inTransaction(
        tx ->
            accounts.insertAppToken(
                tx,
                Secrets.sha256(secret),
                account,
                Set.of(Scope.PINS_READ),
                clock.instant().plus(Duration.ofDays(30))));
    Principal principal = accounts.bearer(secret);
    assertThat(principal.accountId()).isEqualTo(account);
    assertThat(principal.scopes()).containsExactly(Scope.PINS_READ);
    // Asked again, it is remembered; expiry holds for a remembered grant too.
    assertThat(accounts.bearer(secret).accountId()).isEqualTo(account);

    clock.set(clock.instant().plus(Duration.ofDays(30)));
    assertThatThrownBy(() -> accounts.bearer(secret))
        .isInstanceOf(ApiException.Unauthenticated.class)
        .hasMessageContaining("expired");
  }

  @Test
  void deletedAppTokenStopsAuthenticating() {
    long account = TestDatabase.insertAccount(db, IDS.next((short) 9), "gone" + System.nanoTime());
    String secret = Secrets.create("cbo_");
    byte[] hash = Secrets.sha256(secret);
    db.inTransaction(
        tx ->
            accounts.insertAppToken(
                tx, hash, account, Set.of(Scope.PINS_READ), clock.instant().plusSeconds(60)));
    assertThat(accounts.bearer(secret).accountId()).isEqualTo(account);
    db.inTransaction(tx -> accounts.deleteAppTokens(tx, List.of(hash)));
    accounts.forgetGrants(List.of(hash));
    assertThatThrownBy(() -> accounts.bearer(secret))
        .isInstanceOf(ApiException.Unauthenticated.class);
  }
}
