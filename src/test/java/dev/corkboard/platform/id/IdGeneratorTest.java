package dev.corkboard.platform.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void idCarriesShardAndCreationTime() {
    IdGenerator ids = new IdGenerator(5, Clock.fixed(NOW, ZoneOffset.UTC));
    long id = ids.next((short) 1234);
    assertThat(id).isPositive();
    assertThat(Ids.shardOf(id)).isEqualTo((short) 1234);
    assertThat(Ids.instantOf(id)).isEqualTo(NOW);
  }

  @Test
  void idsOfOneShardAreUniqueAndIncreasingEvenBeyondSixtyFourPerMillisecond() {
    IdGenerator ids = new IdGenerator(0, Clock.fixed(NOW, ZoneOffset.UTC));
    long previous = 0;
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      long id = ids.next((short) 7);
      assertThat(id).isGreaterThan(previous);
      assertThat(seen.add(id)).isTrue();
      previous = id;
    }
  }

  @Test
  void burstNeverRunsMoreThanASecondAheadOfTheClock() {
    IdGenerator ids = new IdGenerator(0, Clock.fixed(NOW, ZoneOffset.UTC));
    long last = 0;
    // 64 ids per millisecond for 1,001 milliseconds is the most a fixed clock allows.
    for (int i = 0; i < 64 * 1_001; i++) {
      last = ids.next((short) 0);
    }
    assertThat(Ids.instantOf(last)).isBefore(NOW.plusMillis(IdGenerator.MAX_AHEAD_MILLIS + 1));
  }

  @Test
  void differentSlotsNeverCollide() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    IdGenerator a = new IdGenerator(1, clock);
    IdGenerator b = new IdGenerator(2, clock);
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      assertThat(seen.add(a.next((short) 3))).isTrue();
      assertThat(seen.add(b.next((short) 3))).isTrue();
    }
  }

  @Test
  void concurrentCallersGetDistinctIds() throws Exception {
    IdGenerator ids = new IdGenerator(3, Clock.systemUTC());
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      IntStream.range(0, 8)
          .forEach(
              t ->
                  executor.submit(
                      () -> {
                        for (int i = 0; i < 2_000; i++) {
                          seen.add(ids.next((short) (i % 3)));
                        }
                      }));
    }
    assertThat(seen).hasSize(16_000);
  }

  @Test
  void invalidatedGeneratorRefusesToIssue() {
    IdGenerator ids = new IdGenerator(0, Clock.systemUTC());
    ids.invalidate();
    assertThatThrownBy(() -> ids.next((short) 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsOutOfRangeShardAndSlot() {
    assertThatThrownBy(() -> new IdGenerator(Ids.SLOTS, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
    IdGenerator ids = new IdGenerator(0, Clock.systemUTC());
    assertThatThrownBy(() -> ids.next((short) 4096)).isInstanceOf(IllegalArgumentException.class);
  }
}
