package dev.corkboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseSettingsTest {

  @Test
  void sharedBuffersFollowTheMachineWithinBounds() {
    String size = EmbeddedDatabase.sharedBuffers(Map.of());
    assertThat(size).endsWith("MB");
    int mb = Integer.parseInt(size.replace("MB", ""));
    assertThat(mb).isBetween(128, 2048);
  }

  @Test
  void sharedBuffersCanBeSetAsAPostgresSize() {
    assertThat(EmbeddedDatabase.sharedBuffers(Map.of("CORKBOARD_DB_SHARED_BUFFERS", "512MB")))
        .isEqualTo("512MB");
    assertThatThrownBy(
            () -> EmbeddedDatabase.sharedBuffers(Map.of("CORKBOARD_DB_SHARED_BUFFERS", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CORKBOARD_DB_SHARED_BUFFERS");
  }
}
