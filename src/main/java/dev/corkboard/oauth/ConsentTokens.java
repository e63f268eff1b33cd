package dev.corkboard.oauth;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Secrets;
import dev.corkboard.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the authorization request a consent form carries, so the form's answer is the one this
 * server rendered (no field of it can be changed, and another site cannot make one up) and only for
 * a few minutes. Every server on the database shares the key.
 */
final class ConsentTokens {

  /** How long a rendered consent form can be answered. */
  static final Duration LIFETIME = Duration.ofMinutes(10);

  private final SecretKeySpec key;
  private final Clock clock;

  ConsentTokens(byte[] secret, Clock clock) {
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = clock;
  }

  /** The token for the form of this request. */
  String sign(Authorization request) {
    byte[] payload =
        Json.bytes(new Signed(request, clock.instant().plus(LIFETIME).getEpochSecond()));
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    return encoder.encodeToString(payload) + "." + encoder.encodeToString(mac(payload));
  }

  /** The request a form's token carries; 400 if it was not signed here or is too old. */
  Authorization verify(String token) {
    int dot = token.indexOf('.');
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)));
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (dot < 0 || !Secrets.same(mac(payload), signature)) {
      throw invalid();
    }
    Signed signed;
    try {
      signed = Json.mapper().readValue(payload, Signed.class);
    } catch (java.io.IOException e) {
      throw invalid();
    }
    if (!Instant.ofEpochSecond(signed.expires()).isAfter(clock.instant())) {
      throw new ApiException.InvalidInput(
          "consent_token has expired: open the authorization link again.");
    }
    return signed.request();
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update("oauth-consent\n".getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static ApiException invalid() {
    return new ApiException.InvalidInput(
        "consent_token is not one this server issued: open the authorization link again.");
  }

  /** What the token signs: the request and when the form stops being answerable. */
  record Signed(Authorization request, long expires) {}
}
