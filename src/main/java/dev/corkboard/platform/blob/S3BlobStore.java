package dev.corkboard.platform.blob;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Keeps blobs in a bucket of an S3-compatible object store (AWS S3, MinIO, Ceph, R2, ...), speaking
 * its REST API over {@link HttpClient} with path-style URLs and Signature Version 4, without the
 * AWS SDK.
 *
 * <p>Every payload is signed with its SHA-256, so the store rejects bytes damaged on the way. A
 * request that fails with a network error or HTTP 500, 502, 503 or 504 is tried up to three times
 * in all; every operation here is idempotent. Other failures throw {@link S3Exception}.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  private static final int ATTEMPTS = 3;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final String FALLBACK_CONTENT_TYPE = "application/octet-stream";
  // Only a plain token is taken from an error body, so nothing else the server says is echoed.
  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([A-Za-z0-9._-]{1,64})</Code>");

  private final S3Settings settings;
  private final HttpClient http;
  private final Clock clock;
  private final SigV4Signer signer;
  private final String origin;
  private final String bucketPath;
  private final String hostHeader;

  /** A store with its own HTTP client; {@link #close()} releases it. */
  public S3BlobStore(S3Settings settings) {
    this(
        settings,
        HttpClient.newBuilder()
            // Plain-http endpoints must not be asked to upgrade to HTTP/2.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        Clock.systemUTC());
  }

  S3BlobStore(S3Settings settings, HttpClient http, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.clock = clock;
    this.signer = new SigV4Signer(settings.accessKey(), settings.secretKey(), settings.region());
    URI endpoint = settings.endpoint();
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    int port = endpoint.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    // The JDK client sends exactly this Host header; the signature must cover the same value.
    this.hostHeader = endpoint.getHost() + (defaultPort ? "" : ":" + port);
    this.origin = scheme + "://" + hostHeader;
    String basePath = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    while (basePath.endsWith("/")) {
      basePath = basePath.substring(0, basePath.length() - 1);
    }
    this.bucketPath = basePath + "/" + SigV4Signer.encodePath(settings.bucket());
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) {
    BlobRules.requireValidContentType(contentType);
    HttpResponse<byte[]> response = send("PUT", key, bytes.clone(), contentType);
    if (!isSuccess(response.statusCode())) {
      throw failure("PUT", key, response);
    }
  }

  @Override
  public Optional<Blob> get(String key) {
    HttpResponse<byte[]> response = send("GET", key, null, null);
    if (response.statusCode() == 200) {
      String contentType =
          response.headers().firstValue("Content-Type").orElse(FALLBACK_CONTENT_TYPE);
      return Optional.of(new Blob(response.body(), contentType));
    }
    if (isMissingKey(response)) {
      return Optional.empty();
    }
    throw failure("GET", key, response);
  }

  @Override
  public boolean exists(String key) {
    HttpResponse<byte[]> response = send("HEAD", key, null, null);
    if (response.statusCode() == 200) {
      return true;
    }
    // A HEAD answer has no body, so a missing bucket cannot be told from a missing key here.
    if (response.statusCode() == 404) {
      return false;
    }
    throw failure("HEAD", key, response);
  }

  @Override
  public void delete(String key) {
    HttpResponse<byte[]> response = send("DELETE", key, null, null);
    if (!isSuccess(response.statusCode()) && !isMissingKey(response)) {
      throw failure("DELETE", key, response);
    }
  }

  /** Releases the HTTP client's connections and threads. */
  @Override
  public void close() {
    http.close();
  }

  /** Sends a request about the key; a GET, HEAD or DELETE has no body and no content type. */
  private HttpResponse<byte[]> send(
      String method, String key, byte @Nullable [] body, @Nullable String contentType) {
    String path = bucketPath + "/" + SigV4Signer.encodePath(BlobRules.requireValidKey(key));
    URI uri = URI.create(origin + path);
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<byte[]> response =
            http.send(
                signedRequest(method, uri, path, body, contentType), BodyHandlers.ofByteArray());
        if (attempt < ATTEMPTS && isTransient(response.statusCode())) {
          backOff(attempt);
          continue;
        }
        return response;
      } catch (IOException e) {
        if (attempt >= ATTEMPTS) {
          throw new UncheckedIOException(
              describe(method, key) + " failed after " + ATTEMPTS + " attempts", e);
        }
        backOff(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(
            new InterruptedIOException(describe(method, key) + " was interrupted"));
      }
    }
  }

  /** Signs anew on every attempt, so that a retry never carries a stale date. */
  private HttpRequest signedRequest(
      String method, URI uri, String path, byte @Nullable [] body, @Nullable String contentType) {
    String payloadHash =
        body == null ? SigV4Signer.EMPTY_PAYLOAD_SHA256 : SigV4Signer.sha256Hex(body);
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("host", hostHeader);
    signed.put("x-amz-date", SigV4Signer.amzDate(clock.instant()));
    signed.put("x-amz-content-sha256", payloadHash);
    if (contentType != null) {
      signed.put("content-type", contentType);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .method(
                method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body))
            .header("Authorization", signer.authorization(method, path, signed, payloadHash));
    // The JDK client sets Host itself (from the URI) and refuses to be told.
    signed.forEach(
        (name, value) -> {
          if (!name.equals("host")) {
            request.header(name, value);
          }
        });
    return request.build();
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(FIRST_BACKOFF.multipliedBy(1L << (2 * (attempt - 1))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted between retries"));
    }
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  private static boolean isTransient(int status) {
    return status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** A 404 about the key; a missing bucket is a misconfiguration and must not read as "no blob". */
  private static boolean isMissingKey(HttpResponse<byte[]> response) {
    return response.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(response));
  }

  private S3Exception failure(String method, String key, HttpResponse<byte[]> response) {
    return new S3Exception(describe(method, key), response.statusCode(), errorCode(response));
  }

  private String describe(String method, String key) {
    return "S3 " + method + " of " + settings.bucket() + "/" + key;
  }

  private static String errorCode(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    if (body == null || body.length == 0) {
      return "";
    }
    String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
    Matcher matcher = ERROR_CODE.matcher(text);
    return matcher.find() ? matcher.group(1) : "";
  }

  @Override
  public String toString() {
    return "S3BlobStore[" + origin + bucketPath + "]";
  }
}
