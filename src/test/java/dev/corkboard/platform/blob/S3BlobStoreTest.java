package dev.corkboard.platform.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the contract against S3Proxy, a real S3 server that checks every signature, in-process. */
class S3BlobStoreTest extends BlobStoreContract {

  private static final String ACCESS_KEY = "corkboard-test-access-key";
  private static final String SECRET_KEY = "corkboard-test-secret-key-0123456789";
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private static TransientNio2BlobStore backend;
  private static S3Proxy proxy;
  private static URI endpoint;

  private S3BlobStore store;
  private String bucket;

  @BeforeAll
  static void startS3() throws Exception {
    backend = new TransientNio2BlobStore();
    proxy =
        S3Proxy.builder()
            .blobStore(backend)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(0)
            .build();
    proxy.start();
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  @AfterAll
  static void stopS3() throws Exception {
    proxy.stop();
  }

  @BeforeEach
  void openStoreOnFreshBucket() {
    bucket = "corkboard-" + BUCKETS.incrementAndGet();
    backend.createContainer(bucket);
    store = new S3BlobStore(settings(bucket, ACCESS_KEY, SECRET_KEY));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Override
  BlobStore store() {
    return store;
  }

  private static S3Settings settings(String bucket, String accessKey, String secretKey) {
    return new S3Settings(endpoint, "us-east-1", bucket, accessKey, secretKey);
  }

  @Test
  void wrongSecretFailsWithStatusAndErrorCodeButNoCredentials() {
    String wrongSecret = "not-the-secret-key-9876543210";
    try (S3BlobStore wrong = new S3BlobStore(settings(bucket, ACCESS_KEY, wrongSecret))) {
      assertThatThrownBy(() -> wrong.put(ORIGINAL, new byte[] {1, 2, 3}, "image/png"))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.errorCode()).contains("SignatureDoesNotMatch");
                assertThat(e.getMessage())
                    .contains("403", "SignatureDoesNotMatch", ORIGINAL)
                    .doesNotContain(wrongSecret, ACCESS_KEY);
              });
    }
    assertThat(store.exists(ORIGINAL)).isFalse();
  }

  @Test
  void unknownAccessKeyIsRefused() {
    try (S3BlobStore stranger = new S3BlobStore(settings(bucket, "someone-else", SECRET_KEY))) {
      assertThatThrownBy(() -> stranger.get(ORIGINAL))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.errorCode()).contains("InvalidAccessKeyId");
              });
    }
  }

  @Test
  void missingBucketIsAnErrorRatherThanAMissingBlob() {
    try (S3BlobStore nowhere =
        new S3BlobStore(settings("no-such-bucket", ACCESS_KEY, SECRET_KEY))) {
      assertThatThrownBy(() -> nowhere.get(ORIGINAL))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.errorCode()).contains("NoSuchBucket");
              });
      assertThatThrownBy(() -> nowhere.put(ORIGINAL, new byte[1], "image/png"))
          .isInstanceOf(S3Exception.class);
    }
  }

  @Test
  void endpointWithTrailingSlashAddressesTheSameObjects() {
    store.put(VARIANT, new byte[] {7}, "image/jpeg");
    S3Settings slashed =
        new S3Settings(URI.create(endpoint + "/"), "us-east-1", bucket, ACCESS_KEY, SECRET_KEY);
    try (S3BlobStore other = new S3BlobStore(slashed)) {
      assertThat(other.get(VARIANT).orElseThrow().bytes()).containsExactly(7);
    }
  }

  @Test
  void retriesServiceUnavailableUntilTheStoreAccepts() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer stub = stubAnswering(requests, 2);
    try (S3BlobStore flaky = new S3BlobStore(stubSettings(stub))) {
      flaky.put(ORIGINAL, new byte[] {1}, "image/png");
      assertThat(requests).hasValue(3);
    } finally {
      stub.stop(0);
    }
  }

  @Test
  void givesUpAfterThreeAttemptsWithTheLastStatusAndCode() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer stub = stubAnswering(requests, Integer.MAX_VALUE);
    try (S3BlobStore down = new S3BlobStore(stubSettings(stub))) {
      assertThatThrownBy(() -> down.get(ORIGINAL))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.errorCode()).contains("SlowDown");
                assertThat(e.getMessage()).doesNotContain("Reduce your request rate");
              });
      assertThat(requests).hasValue(3);
    } finally {
      stub.stop(0);
    }
  }

  /** An HTTP server that answers 503 SlowDown to the first {@code failures} requests, then 200. */
  private static HttpServer stubAnswering(AtomicInteger requests, int failures) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          if (requests.incrementAndGet() <= failures) {
            byte[] body =
                "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
          } else {
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    server.start();
    return server;
  }

  private static S3Settings stubSettings(HttpServer stub) {
    URI uri = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    return new S3Settings(uri, "us-east-1", "stub", ACCESS_KEY, SECRET_KEY);
  }
}
