package dev.corkboard.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring URLs for the media of pins that only secret boards show: an HMAC-SHA256 over the
 * path and the expiry, as S3's presigned URLs carry. Expiries fall on whole windows of an hour, so
 * every server on the database signs the same URL for the same image within a window (a client's
 * cache keeps working), and a URL handed out is good for one to two hours.
 */
public final class MediaUrls {

  /** How long a window of signing lasts; a URL signed in one expires at the end of the next. */
  static final Duration WINDOW = Duration.ofHours(1);

  /** The signing of URLs that never expire: media some public pin shows. */
  public static final Window UNSIGNED = new Window(null, 0);

  private final SecretKeySpec key;
  private final Clock clock;

  /**
   * @param secret the key, the same on every server of one database
   * @param clock what tells the time
   */
  public MediaUrls(byte[] secret, Clock clock) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = clock;
  }

  /** The window of now: what a URL signed now carries, and when it must be signed again. */
  public Window now() {
    long window = WINDOW.toSeconds();
    long start = Math.floorDiv(clock.instant().getEpochSecond(), window) * window;
    return new Window(this, start);
  }

  /**
   * How many seconds a signed URL of {@code path} is still good for, if {@code expires} and {@code
   * signature} are its own and it has not expired; empty otherwise.
   */
  OptionalLong remaining(String path, String expires, String signature) {
    if (!expires.matches("[0-9]{1,12}")) {
      return OptionalLong.empty();
    }
    long until = Long.parseLong(expires);
    long left = until - clock.instant().getEpochSecond();
    if (left <= 0 || left > 2 * WINDOW.toSeconds()) {
      return OptionalLong.empty();
    }
    byte[] expected = signature(path, until).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given) ? OptionalLong.of(left) : OptionalLong.empty();
  }

  private String signature(String path, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal((path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * One window of signing.
   *
   * @param urls the signer, or null for URLs that are not signed
   * @param start the window's first second since the epoch
   */
  public record Window(@org.jspecify.annotations.Nullable MediaUrls urls, long start) {

    /** When a view whose URLs were signed in this window must be made again. */
    public Instant renewAt() {
      return urls == null ? Instant.MAX : Instant.ofEpochSecond(start + WINDOW.toSeconds());
    }

    /** The path as a client may fetch it: with its expiry and signature when signing. */
    String url(String base, String path) {
      if (urls == null) {
        return base + path;
      }
      long expires = start + 2 * WINDOW.toSeconds();
      return base + path + "?expires=" + expires + "&signature=" + urls.signature(path, expires);
    }
  }
}
