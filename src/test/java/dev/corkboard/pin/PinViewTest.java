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

  @Test
  void aViewIsEstimatedAtLeastAsLargeAsItsJsonBody() {
    PinView view =
        new PinView(
            pin(),
            List.of(
                new dev.corkboard.media.MediaView(
                    dev.corkboard.media.MediaView.State.READY,
                    java.util.Optional.empty(),
                    java.util.Map.of(
                        "150x150",
                        new dev.corkboard.media.MediaView.Image(
                            "http://127.0.0.1:8080/media/" + "a".repeat(64) + "/150x150.jpg",
                            150,
                            150),
                        "600x",
                        new dev.corkboard.media.MediaView.Image(
                            "http://127.0.0.1:8080/media/" + "a".repeat(64) + "/600x.jpg",
                            600,
                            400)),
                    java.util.Optional.of("#aabbcc"),
                    java.util.Optional.of("a".repeat(64)))),
            Instant.MAX);
    int json =
        dev.corkboard.platform.json.Json.bytes(
                PinJson.of(
                    view, new dev.corkboard.platform.api.Principal(2, java.util.Set.of(), 1)))
            .length;

    // The objects behind a body take more room than its text does.
    assertThat(view.estimatedBytes()).isGreaterThanOrEqualTo(json);
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
        List.of(),
        0,
        "",
        false,
        dev.corkboard.platform.api.Members.NONE);
  }
}
