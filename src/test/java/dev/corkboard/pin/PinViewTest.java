package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A view with signed media URLs is served until it must be signed again, and no longer. */
class PinViewTest {

  private static final Instant RENEW = Instant.parse("2026-12-02T13:00:00Z");

  @Test
  void aViewOfSignedUrlsIsFreshUntilItsRenewal() {
    PinView view = new PinView(pin(), List.of(), RENEW);

    assertThat(view.fresh(at(RENEW.minusSeconds(1)))).isTrue();
    assertThat(view.fresh(at(RENEW))).isFalse();
  }

  @Test
  void aViewOfUnsignedUrlsIsAlwaysFresh() {
    PinView view = new PinView(pin(), List.of(), Instant.MAX);

    assertThat(view.fresh(at(Instant.parse("2999-01-01T00:00:00Z")))).isTrue();
  }

  private static Clock at(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  private static Pin pin() {
    return new Pin(
        1,
        2,
        "alice",
        3,
        true,
        0,
        "",
        "",
        "",
        "",
        "",
        0,
        Pin.NO_PARENT,
        CreativeType.REGULAR,
        Instant.parse("2026-12-02T12:00:00Z"),
        0,
        List.of());
  }
}
