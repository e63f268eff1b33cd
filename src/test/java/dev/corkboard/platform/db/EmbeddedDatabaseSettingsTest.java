package dev.corkboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseSettingsTest {

  @Test
  void sharedBuffersFollowTheMachineWithinBounds() {
    String size = EmbeddedDatabase.sharedBuffers(Optional.empty());
    assertThat(size).endsWith("MB");
    int mb = Integer.parseInt(size.replace("MB", ""));
    assertThat(mb).isBetween(128, 2048);
  }

  @Test
  void sharedBuffersCanBeSetAsAPostgresSize() {
    assertThat(EmbeddedDatabase.sharedBuffers(Optional.of("512MB"))).isEqualTo("512MB");
    assertThatThrownBy(() -> EmbeddedDatabase.sharedBuffers(Optional.of("lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CORKBOARD_DB_SHARED_BUFFERS");
  }
}
