package dev.corkboard.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.HandClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AllowancesTest {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  /** Five seconds into a window. */
  private static final Instant START = Instant.parse("2026-12-02T10:00:05Z");

  /** Grants slices as the SQL statement does: an eighth of what is left, at least one. */
  private static final class SharedLeaser implements Allowances.Leaser {
    final Map<String, Integer> granted = new HashMap<>();
    final AtomicInteger leases = new AtomicInteger();

    @Override
    public synchronized Allowances.Lease lease(String bucket, long windowStart, int limit) {
      leases.incrementAndGet();
      String key = bucket + "@" + windowStart;
      int before = granted.getOrDefault(key, 0);
      int grant = Math.min(limit - before, Math.max(1, (limit - before) / 8));
      if (grant <= 0) {
        return new Allowances.Lease(0, limit);
      }
      granted.put(key, before + grant);
      return new Allowances.Lease(grant, before + grant);
    }
  }

  @Test
  void allowsExactlyTheLimitInAWindowThenRefuses() {
    HandClock clock = new HandClock(START);
    Allowances allowances = new Allowances(new SharedLeaser(), clock, WINDOW);
    for (int i = 0; i < 100; i++) {
      Allowances.Decision decision = allowances.take("b", 100);
      assertThat(decision.allowed()).as("request %d", i).isTrue();
      assertThat(decision.remaining()).isEqualTo(100 - i - 1);
      assertThat(decision.limit()).isEqualTo(100);
    }
    Allowances.Decision refused = allowances.take("b", 100);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.resetSeconds()).isEqualTo(55);
  }

  @Test
  void leasesFarFewerTimesThanItServes() {
    SharedLeaser leaser = new SharedLeaser();
    Allowances allowances = new Allowances(leaser, new HandClock(START), WINDOW);
    for (int i = 0; i < 1000; i++) {
      allowances.take("b", 1000);
    }
    assertThat(leaser.leases.get()).isLessThan(100);
  }

  @Test
  void serversSharingTheLeasesNeverAllowMoreThanTheLimitTogether() {
    HandClock clock = new HandClock(START);
    SharedLeaser leaser = new SharedLeaser();
    Allowances first = new Allowances(leaser, clock, WINDOW);
    Allowances second = new Allowances(leaser, clock, WINDOW);
    int allowed = 0;
    for (int i = 0; i < 300; i++) {
      Allowances on = i % 3 == 0 ? first : second;
      if (on.take("b", 50).allowed()) {
        allowed++;
      }
    }
    assertThat(allowed).isEqualTo(50);
    assertThat(first.take("b", 50).allowed()).isFalse();
    assertThat(second.take("b", 50).allowed()).isFalse();
  }

  @Test
  void aNewWindowGivesTheAllowanceAnewAndAbandonsOldSlices() {
    HandClock clock = new HandClock(START);
    SharedLeaser leaser = new SharedLeaser();
    Allowances allowances = new Allowances(leaser, clock, WINDOW);
    for (int i = 0; i < 3; i++) {
      assertThat(allowances.take("b", 3).allowed()).isTrue();
    }
    assertThat(allowances.take("b", 3).allowed()).isFalse();
    clock.set(clock.instant().plusSeconds(55));
    Allowances.Decision fresh = allowances.take("b", 3);
    assertThat(fresh.allowed()).isTrue();
    assertThat(fresh.remaining()).isEqualTo(2);
    assertThat(fresh.resetSeconds()).isEqualTo(60);
  }

  @Test
  void bucketsAreIndependent() {
    Allowances allowances = new Allowances(new SharedLeaser(), new HandClock(START), WINDOW);
    assertThat(allowances.take("a", 1).allowed()).isTrue();
    assertThat(allowances.take("a", 1).allowed()).isFalse();
    assertThat(allowances.take("b", 1).allowed()).isTrue();
  }

  @Test
  void forgetsTheSlicesOfEndedWindows() {
    HandClock clock = new HandClock(START);
    Allowances allowances = new Allowances(new SharedLeaser(), clock, WINDOW);
    allowances.take("a", 10);
    allowances.take("b", 10);
    allowances.forgetEnded();
    assertThat(allowances.size()).isEqualTo(2);
    clock.set(clock.instant().plus(WINDOW));
    allowances.take("b", 10);
    allowances.forgetEnded();
    assertThat(allowances.size()).isEqualTo(1);
  }
}
