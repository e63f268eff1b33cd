package dev.corkboard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request here goes to 127.0.0.1, or is refused before any connection is made. */
class ImageFetcherTest {

  private static final long ONE_MIB = 1024 * 1024;
  private static final byte[] PNG = drawnPng();

  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
    handlers.close();
  }

  @Test
  void refusesLoopbackWithoutAnAllowList() {
    try (ImageFetcher fetcher = new ImageFetcher(ImageFetcher.Settings.defaults())) {
      assertRefused(
          () -> fetcher.fetch(base + "/image.png"), "host resolves to a loopback address");
    }
  }

  @Test
  void fetchesFromAnAllowedAddress() throws Exception {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertThat(fetcher.fetch(base + "/image.png")).isEqualTo(PNG);
    }
  }

  @Test
  void followsARedirect() throws Exception {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertThat(fetcher.fetch(base + "/hops/1")).isEqualTo(PNG);
      assertThat(fetcher.fetch(base + "/relative")).isEqualTo(PNG);
    }
  }

  @Test
  void followsExactlyTheAllowedNumberOfRedirects() throws Exception {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertThat(fetcher.fetch(base + "/hops/3")).isEqualTo(PNG);
      assertRefused(() -> fetcher.fetch(base + "/hops/4"), "more than 3 redirects");
    }
  }

  @Test
  void refusesARedirectToARefusedAddress() {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      // Linux answers on all of 127/8, but only 127.0.0.1/32 is allowed; nothing listens on
      // 127.0.0.2 or ::1 either, so a policy that let them through would fail differently.
      assertRefused(
          () -> fetcher.fetch(base + "/to/127.0.0.2"), "host resolves to a loopback address");
      assertRefused(
          () -> fetcher.fetch(base + "/to/ipv6-loopback"), "host resolves to a loopback address");
    }
  }

  @Test
  void refusesAHostWithAnyRefusedAddress() {
    ImageFetcher.Resolver twoAddresses =
        host ->
            new InetAddress[] {
              InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral("10.0.0.1")
            };
    try (ImageFetcher fetcher = new ImageFetcher(localhostSettings(), twoAddresses)) {
      assertRefused(
          () -> fetcher.fetch("http://images.example/a.png"), "host resolves to a private address");
    }
  }

  @Test
  void refusesAnUnknownHost() {
    ImageFetcher.Resolver nothing =
        host -> {
          throw new UnknownHostException(host);
        };
    try (ImageFetcher fetcher = new ImageFetcher(localhostSettings(), nothing)) {
      assertRefused(() -> fetcher.fetch("http://nowhere.example/a.png"), "host not found");
    }
  }

  @Test
  void refusesSchemesOtherThanHttp() {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      for (String url : List.of("file:///etc/passwd", "ftp://127.0.0.1/a.png", "/image.png")) {
        assertRefused(() -> fetcher.fetch(url), "only http and https URLs can be fetched");
      }
      assertRefused(() -> fetcher.fetch("http://exa mple/"), "not a valid http or https URL");
      assertRefused(
          () -> fetcher.fetch("http://me:secret@127.0.0.1/"),
          "the URL must not contain a user name or password");
    }
  }

  @Test
  void refusesABodyDeclaredLargerThanTheCap() {
    // The server declares 10 MB, sends 100 bytes and waits: only the header can end this early.
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertRefused(() -> fetcher.fetch(base + "/declared-huge"), "larger than 1048576 bytes");
    }
  }

  @Test
  void refusesAStreamedBodyThatGrowsPastTheCap() {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertRefused(() -> fetcher.fetch(base + "/chunked-huge"), "larger than 1048576 bytes");
    }
  }

  @Test
  void acceptsABodyOfExactlyTheCap() throws Exception {
    try (ImageFetcher exact = new ImageFetcher(localhostSettings().withMaxBytes(PNG.length));
        ImageFetcher under = new ImageFetcher(localhostSettings().withMaxBytes(PNG.length - 1))) {
      assertThat(exact.fetch(base + "/image.png")).isEqualTo(PNG);
      assertThat(exact.fetch(base + "/chunked-image")).isEqualTo(PNG);
      assertRefused(
          () -> under.fetch(base + "/chunked-image"), "larger than " + (PNG.length - 1) + " bytes");
    }
  }

  @Test
  void timesOutWaitingForASlowServer() {
    try (ImageFetcher fetcher =
        new ImageFetcher(localhostSettings().withTimeout(Duration.ofMillis(300)))) {
      assertThatThrownBy(() -> fetcher.fetch(base + "/slow"))
          .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessage("timed out after 300 ms");
    }
  }

  @Test
  void timesOutWhenTheBodyStalls() {
    try (ImageFetcher fetcher =
        new ImageFetcher(localhostSettings().withTimeout(Duration.ofMillis(300)))) {
      assertThatThrownBy(() -> fetcher.fetch(base + "/stalled-body"))
          .isInstanceOf(FetchException.class)
          .hasMessage("timed out after 300 ms");
    }
  }

  @Test
  void refusesAClientErrorForGood() {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertRefused(() -> fetcher.fetch(base + "/missing"), "HTTP 404");
    }
  }

  @Test
  void marksAServerErrorAsRetryable() {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertThatThrownBy(() -> fetcher.fetch(base + "/unavailable"))
          .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessage("HTTP 503");
    }
  }

  @Test
  void marksARefusedConnectionAsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.ofLiteral("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertThatThrownBy(() -> fetcher.fetch("http://127.0.0.1:" + closedPort + "/"))
          .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.retryable()).isTrue())
          .hasMessage("could not connect to the host");
    }
  }

  @Test
  void refusesARedirectWithoutALocation() {
    try (ImageFetcher fetcher = allowingLocalhost()) {
      assertRefused(() -> fetcher.fetch(base + "/no-location"), "HTTP 302 without a Location");
    }
  }

  @Test
  void settingsDefaultToTwentyMebibytesTenSecondsAndThreeRedirects() {
    ImageFetcher.Settings defaults = ImageFetcher.Settings.defaults();

    assertThat(defaults.allowList()).isEmpty();
    assertThat(defaults.maxBytes()).isEqualTo(20_971_520L);
    assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.maxRedirects()).isEqualTo(3);
  }

  // --- fixtures ---

  private static ImageFetcher.Settings localhostSettings() {
    return ImageFetcher.Settings.defaults()
        .withAllowList(List.of(AddressPolicy.Cidr.parse("127.0.0.1/32")))
        .withMaxBytes(ONE_MIB)
        .withTimeout(Duration.ofSeconds(5));
  }

  private static ImageFetcher allowingLocalhost() {
    return new ImageFetcher(localhostSettings());
  }

  /** Asserts a final (not retryable) failure with the message. */
  private static void assertRefused(ThrowingCallable fetch, String message) {
    assertThatThrownBy(fetch)
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessage(message);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try (exchange) {
      if (path.equals("/image.png")) {
        send(exchange, 200, PNG);
      } else if (path.equals("/chunked-image")) {
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write(PNG);
      } else if (path.startsWith("/hops/")) {
        int left = Integer.parseInt(path.substring("/hops/".length()));
        redirect(exchange, left <= 1 ? "/image.png" : "/hops/" + (left - 1));
      } else if (path.equals("/relative")) {
        redirect(exchange, "image.png");
      } else if (path.startsWith("/to/")) {
        String host = path.substring("/to/".length()).replace("ipv6-loopback", "[::1]");
        redirect(exchange, "http://" + host + ":" + server.getAddress().getPort() + "/image.png");
      } else if (path.equals("/no-location")) {
        exchange.sendResponseHeaders(302, -1);
      } else if (path.equals("/declared-huge")) {
        exchange.sendResponseHeaders(200, 10_000_000);
        exchange.getResponseBody().write(new byte[100]);
        exchange.getResponseBody().flush();
        awaitRelease();
      } else if (path.equals("/chunked-huge")) {
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        for (int i = 0; i < 32; i++) {
          body.write(new byte[64 * 1024]);
        }
      } else if (path.equals("/slow")) {
        awaitRelease();
        send(exchange, 200, PNG);
      } else if (path.equals("/stalled-body")) {
        exchange.sendResponseHeaders(200, PNG.length);
        exchange.getResponseBody().write(PNG, 0, 10);
        exchange.getResponseBody().flush();
        awaitRelease();
      } else if (path.equals("/unavailable")) {
        send(exchange, 503, new byte[0]);
      } else {
        send(exchange, 404, new byte[0]);
      }
    } catch (IOException clientWentAway) {
      // Expected whenever the fetcher gives up on a body.
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  private void awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] drawnPng() {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.ORANGE);
    g.fillRect(0, 0, 64, 48);
    g.setColor(Color.BLUE);
    g.fillOval(16, 8, 32, 32);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
