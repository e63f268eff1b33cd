package dev.corkboard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.UniqueViolation;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.support.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** AccountRepository on the real embedded PostgreSQL. */
class AccountRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(14, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final AccountRepository repository = new AccountRepository();

  @Test
  void usernamesAreUniqueIgnoringCase() {
    String name = "Case" + System.nanoTime();
    repository.insertUsername(db, name, IDS.next((short) 1));
    assertThatThrownBy(() -> repository.insertUsername(db, name.toUpperCase(), IDS.next((short) 2)))
        .isInstanceOf(UniqueViolation.class);
  }

  @Test
  void credentialsAreFoundByUsernameIgnoringCase() {
    String name = "Login" + System.nanoTime();
    long id = IDS.next((short) 77);
    repository.insertUsername(db, name, id);
    repository.insert(db, id, name, "$argon2id$stub");
    AccountRepository.Credentials credentials =
        repository.findCredentials(db, name.toLowerCase()).orElseThrow();
    assertThat(credentials.accountId()).isEqualTo(id);
    assertThat(credentials.passwordHash()).isEqualTo("$argon2id$stub");
    assertThat(repository.findCredentials(db, name + "x")).isEmpty();
  }

  @Test
  void countsMoveByExactlyTheDeltas() {
    String name = "Count" + System.nanoTime();
    long id = IDS.next((short) 78);
    repository.insert(db, id, name, "h");
    repository.addToCounts(db, id, 3, 5);
    repository.addToCounts(db, id, -1, -2);
    Account account = repository.find(db, id).orElseThrow();
    assertThat(account.boardCount()).isEqualTo(2);
    assertThat(account.pinCount()).isEqualTo(3);
    assertThatThrownBy(() -> repository.addToCounts(db, id, -5, 0))
        .as("counts never go negative")
        .isInstanceOf(RuntimeException.class);
  }
}
