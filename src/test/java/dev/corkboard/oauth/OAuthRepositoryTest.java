package dev.corkboard.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.api.Secrets;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.support.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OAuthRepository on the real embedded PostgreSQL. */
class OAuthRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(11, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final OAuthRepository repository = new OAuthRepository();

  @Test
  void aCodeCanBeTakenOnlyOnce() {
    byte[] code = Secrets.sha256(Secrets.create("cbc_"));
    repository.insertCode(db, code, grant(Instant.now().plusSeconds(600)), "https://a/cb", "");
    assertThat(repository.takeCode(db, code)).isPresent();
    assertThat(repository.takeCode(db, code)).isEmpty();
  }

  @Test
  void sweepDeletesWhatExpiredAndKeepsTheRest() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    byte[] oldCode = Secrets.sha256(Secrets.create("cbc_"));
    byte[] freshCode = Secrets.sha256(Secrets.create("cbc_"));
    byte[] oldRefresh = Secrets.sha256(Secrets.create("cbr_"));
    byte[] freshRefresh = Secrets.sha256(Secrets.create("cbr_"));
    byte[] oldAccess = Secrets.sha256(Secrets.create("cbo_"));
    byte[] freshAccess = Secrets.sha256(Secrets.create("cbo_"));
    Instant past = now.minus(Duration.ofDays(400));
    Instant future = now.plus(Duration.ofDays(1));
    long family = IDS.next((short) 3);
    long app = IDS.next((short) 3);
    repository.insertCode(db, oldCode, grant(past), "https://a/cb", "");
    repository.insertCode(db, freshCode, grant(future), "https://a/cb", "");
    repository.insertRefreshToken(db, oldRefresh, family, grant(past));
    repository.insertRefreshToken(db, freshRefresh, family, grant(future));
    repository.insertAccessToken(db, oldAccess, family, app, past);
    repository.insertAccessToken(db, freshAccess, family, app, future);

    List<byte[]> swept = repository.deleteExpired(db, now.minus(Duration.ofDays(399)), 1_000);

    assertThat(swept).anySatisfy(hash -> assertThat(hash).isEqualTo(oldAccess));
    assertThat(swept).noneSatisfy(hash -> assertThat(hash).isEqualTo(freshAccess));
    assertThat(repository.takeCode(db, oldCode)).isEmpty();
    assertThat(repository.takeCode(db, freshCode)).isPresent();
    assertThat(repository.lockRefreshToken(db, oldRefresh)).isEmpty();
    assertThat(repository.lockRefreshToken(db, freshRefresh)).isPresent();
    assertThat(repository.findAccessFamily(db, freshAccess, app)).contains(family);
  }

  private static OAuthRepository.Grant grant(Instant expiresAt) {
    return new OAuthRepository.Grant(
        IDS.next((short) 3), IDS.next((short) 3), List.of("pins:read"), expiresAt);
  }
}
