package dev.corkboard.platform.blob;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs S3 requests with AWS Signature Version 4 (HMAC-SHA256) in the Authorization header.
 *
 * <p>The caller passes every header to sign, including {@code host}, {@code x-amz-date} and {@code
 * x-amz-content-sha256}, and the path already URI-encoded as it goes on the wire (see {@link
 * #encodePath}). Requests here carry no query string.
 */
final class SigV4Signer {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String EMPTY_PAYLOAD_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String SERVICE = "s3";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final String accessKey;
  private final byte[] secretKey;
  private final String region;

  SigV4Signer(String accessKey, String secretKey, String region) {
    this.accessKey = accessKey;
    this.secretKey = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    this.region = region;
  }

  /** The value of {@code x-amz-date} for an instant, for example {@code 20130524T000000Z}. */
  static String amzDate(Instant instant) {
    return AMZ_DATE.format(instant);
  }

  /** The lowercase hex SHA-256 of a payload, for {@code x-amz-content-sha256}. */
  static String sha256Hex(byte[] payload) {
    return HEX.formatHex(sha256(payload));
  }

  /**
   * URI-encodes a path the way SigV4 expects for S3: every byte except the unreserved characters
   * {@code A-Z a-z 0-9 - _ . ~} and the separator {@code /} becomes {@code %XX}.
   */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder(path.length() + 16);
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.withUpperCase().toHexDigits((byte) c));
      }
    }
    return out.toString();
  }

  /** The Authorization header value for a request. */
  String authorization(
      String method, String encodedPath, Map<String, String> headers, String payloadHash) {
    Map<String, String> canonical = canonicalHeaders(headers);
    String amzDate = requireHeader(canonical, "x-amz-date");
    String scope = scope(amzDate);
    String signature =
        HEX.formatHex(
            hmac(
                signingKey(amzDate.substring(0, 8)),
                stringToSign(
                    amzDate, canonicalRequest(method, encodedPath, headers, payloadHash))));
    return ALGORITHM
        + " Credential="
        + accessKey
        + "/"
        + scope
        + ",SignedHeaders="
        + String.join(";", canonical.keySet())
        + ",Signature="
        + signature;
  }

  /** The canonical request of SigV4's first step; visible for the published test vector. */
  String canonicalRequest(
      String method, String encodedPath, Map<String, String> headers, String payloadHash) {
    Map<String, String> canonical = canonicalHeaders(headers);
    requireHeader(canonical, "host");
    requireHeader(canonical, "x-amz-date");
    requireHeader(canonical, "x-amz-content-sha256");
    String headerLines =
        canonical.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue() + "\n")
            .collect(Collectors.joining());
    return method
        + "\n"
        + encodedPath
        + "\n"
        + "" // no query string
        + "\n"
        + headerLines
        + "\n"
        + String.join(";", canonical.keySet())
        + "\n"
        + payloadHash;
  }

  /** The string to sign of SigV4's second step. */
  String stringToSign(String amzDate, String canonicalRequest) {
    return ALGORITHM
        + "\n"
        + amzDate
        + "\n"
        + scope(amzDate)
        + "\n"
        + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  private String scope(String amzDate) {
    return amzDate.substring(0, 8) + "/" + region + "/" + SERVICE + "/aws4_request";
  }

  private byte[] signingKey(String date) {
    byte[] key = hmac(secretKey, date);
    key = hmac(key, region);
    key = hmac(key, SERVICE);
    return hmac(key, "aws4_request");
  }

  /** Lowercase names, sorted; values trimmed with inner runs of spaces collapsed. */
  private static Map<String, String> canonicalHeaders(Map<String, String> headers) {
    Map<String, String> canonical = new TreeMap<>();
    headers.forEach(
        (name, value) ->
            canonical.put(
                name.toLowerCase(Locale.ROOT).strip(), value.strip().replaceAll(" +", " ")));
    return canonical;
  }

  private static String requireHeader(Map<String, String> canonical, String name) {
    String value = canonical.get(name);
    if (value == null) {
      throw new IllegalArgumentException("a SigV4 request must sign the " + name + " header");
    }
    return value;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(byte[] payload) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(payload);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "SigV4Signer[region=" + region + "]";
  }
}
