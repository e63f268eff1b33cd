package dev.corkboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashIsArgon2idInPhcFormatWithARandomSalt() {
    String first = hasher.hash("correct horse");
    String second = hasher.hash("correct horse");
    assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(first).isNotEqualTo(second).doesNotContain("correct horse");
  }

  @Test
  void matchesOnlyTheSamePassword() {
    String hash = hasher.hash("correct horse");
    assertThat(hasher.matches("correct horse", hash)).isTrue();
    assertThat(hasher.matches("correct horsf", hash)).isFalse();
    assertThat(hasher.matches("", hash)).isFalse();
  }

  @Test
  void rejectsHashesOfOtherSchemes() {
    assertThat(hasher.matches("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
    assertThat(hasher.matches("x", "plain")).isFalse();
  }
}
