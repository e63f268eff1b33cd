package dev.corkboard.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  @Test
  void onGivesTheDefaultsAndOffNone() {
    assertThat(RateLimits.parse("on")).isEqualTo(RateLimits.defaults());
    assertThat(RateLimits.parse("off").enabled()).isFalse();
  }

  @Test
  void entriesChangeTheDefaultsTheyName() {
    RateLimits limits = RateLimits.parse("window=30, org_read=5,auth=2");
    assertThat(limits.window()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limits.limit("org_read")).contains(5);
    assertThat(limits.limit("auth")).contains(2);
    assertThat(limits.limit("org_write")).isEqualTo(RateLimits.defaults().limit("org_write"));
  }

  @Test
  void malformedEntriesAreRefusedByName() {
    assertThatThrownBy(() -> RateLimits.parse("org_read=many"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("org_read=many");
    assertThatThrownBy(() -> RateLimits.parse("org_read=0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
