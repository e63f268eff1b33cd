package dev.corkboard.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signed media URLs verify for their own path until they expire, and never after or elsewhere. */
class MediaUrlsTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String PATH = "/media/" + "a".repeat(64) + "/600x.jpg";
  private static final Instant NOON = Instant.parse("2026-12-02T12:20:00Z");

  @Test
  void aUrlSignedNowIsGoodUntilTheEndOfTheNextWindow() {
    Params signed = sign(at(NOON));

    assertThat(signed.expires()).isEqualTo(Instant.parse("2026-12-02T14:00:00Z").getEpochSecond());
    assertThat(at(NOON).remaining(PATH, signed.expiresText(), signed.signature()))
        .hasValue(100 * 60);
    assertThat(
            at(Instant.parse("2026-12-02T13:59:59Z"))
                .remaining(PATH, signed.expiresText(), signed.signature()))
        .hasValue(1);
    assertThat(
            at(Instant.parse("2026-12-02T14:00:00Z"))
                .remaining(PATH, signed.expiresText(), signed.signature()))
        .isEmpty();
  }

  @Test
  void everyServerSignsTheSameUrlWithinAWindowAndRenewsAtItsEnd() {
    MediaUrls.Window window = at(NOON).now();

    assertThat(sign(at(Instant.parse("2026-12-02T12:59:00Z")))).isEqualTo(sign(at(NOON)));
    assertThat(window.renewAt()).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
    assertThat(MediaUrls.UNSIGNED.renewAt()).isEqualTo(Instant.MAX);
    assertThat(MediaUrls.UNSIGNED.url("http://h", PATH)).isEqualTo("http://h" + PATH);
  }

  @Test
  void aSignatureIsRefusedForAnotherPathAnotherExpiryOrAnotherKey() {
    MediaUrls urls = at(NOON);
    Params signed = sign(urls);
    String otherPath = PATH.replace("600x", "1200x");
    long later = signed.expires() + 60;

    assertThat(urls.remaining(otherPath, signed.expiresText(), signed.signature())).isEmpty();
    assertThat(urls.remaining(PATH, Long.toString(later), signed.signature())).isEmpty();
    assertThat(
            new MediaUrls("another key, 32 bytes long......".getBytes(), clock(NOON))
                .remaining(PATH, signed.expiresText(), signed.signature()))
        .isEmpty();
    assertThat(urls.remaining(PATH, "soon", signed.signature())).isEmpty();
    assertThat(urls.remaining(PATH, signed.expiresText(), "")).isEmpty();
  }

  private static MediaUrls at(Instant now) {
    return new MediaUrls(SECRET, clock(now));
  }

  private static Clock clock(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  private static Params sign(MediaUrls urls) {
    URI url = URI.create(urls.now().url("http://h", PATH));
    assertThat(url.getPath()).isEqualTo(PATH);
    Map<String, String> query = new HashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      query.put(parts[0], parts[1]);
    }
    return new Params(Long.parseLong(query.get("expires")), query.get("signature"));
  }

  private record Params(long expires, String signature) {
    String expiresText() {
      return Long.toString(expires);
    }
  }
}
