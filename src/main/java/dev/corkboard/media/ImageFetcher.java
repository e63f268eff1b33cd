package dev.corkboard.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Downloads an image from a URL a user gave, for the background ingest, without letting the URL
 * reach the server's own networks: only http and https, every hop's host checked against an {@link
 * AddressPolicy}, redirects followed by hand and counted, the body and the total time capped.
 *
 * <p>DNS rebinding: each hop resolves the host, checks every address, and then lets {@link
 * HttpClient} connect by name, which resolves again. The JDK's own address cache (positive answers
 * kept 30 s by default, {@code networkaddress.cache.ttl}) normally hands the connect the very
 * answer that was checked, but a cache entry that expires between the check and the connect, or a
 * JVM run with that cache turned off, leaves a window in which a hostile name server could swap in
 * a private address. Deployments that need a hard guarantee should also send fetches through an
 * egress proxy or firewall that refuses private ranges.
 */
public final class ImageFetcher implements AutoCloseable {

  private static final String USER_AGENT = "Corkboard image fetcher";

  private final Settings settings;
  private final AddressPolicy policy;
  private final Resolver resolver;
  private final HttpClient client;

  public ImageFetcher(Settings settings) {
    this(settings, InetAddress::getAllByName);
  }

  ImageFetcher(Settings settings, Resolver resolver) {
    this.settings = settings;
    this.policy = new AddressPolicy(settings.allowList());
    this.resolver = resolver;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(settings.timeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * The body of the image at the URL, after at most {@code maxRedirects} redirects.
   *
   * @throws FetchException if the URL is not http(s), a hop's host resolves to an address the
   *     policy refuses, there are too many redirects, the answer is not 2xx, the body is larger
   *     than {@code maxBytes} or the whole fetch takes longer than {@code timeout}
   */
  public byte[] fetch(String url) throws FetchException {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    URI uri = parse(url, "not a valid http or https URL");
    for (int redirects = 0; ; redirects++) {
      checkHost(uri, deadline);
      HttpResponse<byte[]> response = send(uri, deadline);
      int status = response.statusCode();
      if (isRedirect(status)) {
        if (redirects >= settings.maxRedirects()) {
          throw new FetchException("more than " + settings.maxRedirects() + " redirects", false);
        }
        String location =
            response
                .headers()
                .firstValue("Location")
                .orElseThrow(
                    () -> new FetchException("HTTP " + status + " without a Location", false));
        uri = redirectTarget(uri, location);
        continue;
      }
      if (status < 200 || status > 299) {
        throw new FetchException("HTTP " + status, status >= 500 || status == 408 || status == 429);
      }
      return response.body();
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private static URI parse(String url, String complaint) throws FetchException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new FetchException(complaint, false, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new FetchException("only http and https URLs can be fetched", false);
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new FetchException(complaint, false);
    }
    if (uri.getRawUserInfo() != null) {
      throw new FetchException("the URL must not contain a user name or password", false);
    }
    return uri;
  }

  private static URI redirectTarget(URI from, String location) throws FetchException {
    try {
      return parse(from.resolve(new URI(location)).toString(), "redirect to an invalid URL");
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new FetchException("redirect to an invalid URL", false, e);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Refuses the hop unless every address its host resolves to is one the policy permits. */
  private void checkHost(URI uri, long deadline) throws FetchException {
    for (InetAddress address : resolve(uri.getHost(), deadline)) {
      Optional<String> refusal = policy.refusal(address);
      if (refusal.isPresent()) {
        throw new FetchException("host resolves to " + refusal.get(), false);
      }
    }
  }

  private InetAddress[] resolve(String host, long deadline) throws FetchException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      return new InetAddress[] {InetAddress.ofLiteral(bare)};
    } catch (IllegalArgumentException notALiteral) {
      // a name: look it up below
    }
    // The system resolver has no timeout of its own, so it runs apart and is waited for only as
    // long as the fetch may still take.
    FutureTask<InetAddress[]> lookup = new FutureTask<>(() -> resolver.resolve(bare));
    Thread.ofVirtual().name("image-fetch-dns").start(lookup);
    try {
      InetAddress[] addresses = await(lookup, deadline);
      if (addresses.length == 0) {
        throw new FetchException("host not found", false);
      }
      return addresses;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownHostException unknown) {
        throw new FetchException("host not found", false, unknown);
      }
      throw new FetchException("could not resolve the host", true, causeOf(e));
    }
  }

  private HttpResponse<byte[]> send(URI uri, long deadline) throws FetchException {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(uri)
              .GET()
              .timeout(Duration.ofNanos(Math.max(1_000_000, remaining(deadline))))
              .header("User-Agent", USER_AGENT)
              .header("Accept", "image/*")
              .build();
    } catch (IllegalArgumentException e) {
      throw new FetchException("not a valid http or https URL", false, e);
    }
    try {
      return await(client.sendAsync(request, this::body), deadline);
    } catch (ExecutionException e) {
      throw failure(causeOf(e));
    }
  }

  /** What made a task fail; the wrapper itself in the odd case that it carries no cause. */
  private static Throwable causeOf(ExecutionException e) {
    return Objects.requireNonNullElse(e.getCause(), e);
  }

  /** Waits for the task until the deadline; on a timeout or an interrupt cancels it. */
  private <T> T await(Future<T> task, long deadline) throws FetchException, ExecutionException {
    try {
      return task.get(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw timedOut();
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException("interrupted", true, e);
    }
  }

  private long remaining(long deadline) throws FetchException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw timedOut();
    }
    return left;
  }

  private FetchException timedOut() {
    Duration t = settings.timeout();
    String limit = t.toMillis() % 1000 == 0 ? t.toSeconds() + " s" : t.toMillis() + " ms";
    return new FetchException("timed out after " + limit, true);
  }

  private FetchException failure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TooLarge) {
        return tooLarge();
      }
      if (t instanceof HttpTimeoutException) {
        return timedOut();
      }
      if (t instanceof ConnectException) {
        return new FetchException("could not connect to the host", true, error);
      }
      if (t instanceof SSLException) {
        return new FetchException("TLS handshake with the host failed", false, error);
      }
    }
    return new FetchException("the connection failed", true, error);
  }

  private FetchException tooLarge() {
    return new FetchException("larger than " + settings.maxBytes() + " bytes", false);
  }

  /** Reads a 2xx body up to the cap; refuses a declared length over it; drops any other body. */
  private HttpResponse.BodySubscriber<byte[]> body(HttpResponse.ResponseInfo info) {
    if (info.statusCode() < 200 || info.statusCode() > 299) {
      return new CappedBody(0, 0, null);
    }
    OptionalLong declared;
    try {
      declared = info.headers().firstValueAsLong("Content-Length");
    } catch (NumberFormatException e) {
      declared = OptionalLong.empty();
    }
    if (declared.isPresent() && declared.getAsLong() > settings.maxBytes()) {
      return new CappedBody(0, 0, new TooLarge());
    }
    int expected = (int) Math.min(declared.orElse(64 * 1024), settings.maxBytes());
    return new CappedBody(settings.maxBytes(), expected, null);
  }

  /**
   * How the fetcher behaves.
   *
   * @param allowList blocks fetched from although they are not public (tests, private deployments;
   *     the {@code --fetch-allow} option)
   * @param maxBytes the largest body accepted
   * @param timeout the longest a whole fetch, redirects included, may take
   * @param maxRedirects how many redirects are followed
   */
  public record Settings(
      List<AddressPolicy.Cidr> allowList, long maxBytes, Duration timeout, int maxRedirects) {

    /** 20 MiB. */
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static final int DEFAULT_MAX_REDIRECTS = 3;

    public Settings {
      allowList = List.copyOf(allowList);
      if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("max bytes must be 1 to " + (Integer.MAX_VALUE - 8));
      }
      if (timeout.isNegative() || timeout.toMillis() < 1) {
        throw new IllegalArgumentException("timeout must be at least 1 ms");
      }
      if (maxRedirects < 0) {
        throw new IllegalArgumentException("max redirects must not be negative");
      }
    }

    /** Public addresses only, 20 MiB, 10 s, 3 redirects. */
    public static Settings defaults() {
      return new Settings(List.of(), DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, DEFAULT_MAX_REDIRECTS);
    }

    public Settings withAllowList(List<AddressPolicy.Cidr> blocks) {
      return new Settings(blocks, maxBytes, timeout, maxRedirects);
    }

    public Settings withMaxBytes(long bytes) {
      return new Settings(allowList, bytes, timeout, maxRedirects);
    }

    public Settings withTimeout(Duration limit) {
      return new Settings(allowList, maxBytes, limit, maxRedirects);
    }

    public Settings withMaxRedirects(int redirects) {
      return new Settings(allowList, maxBytes, timeout, redirects);
    }
  }

  /** Looks a host name up; the system resolver unless a test stands in. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** Marks a body that went over the cap. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("body larger than the cap", null);
    }
  }

  /**
   * Collects a body into memory and fails as soon as it goes over the cap; with a {@code refusal}
   * it fails at once, and with a cap of zero it drops the body and gives {@code null}.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final long cap;
    private final @Nullable IOException refusal;
    private final ByteArrayOutputStream bytes;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    // Set by onSubscribe, which the client calls before anything else.
    private Flow.@Nullable Subscription subscription;

    CappedBody(long cap, int expected, @Nullable IOException refusal) {
      this.cap = cap;
      this.refusal = refusal;
      this.bytes = new ByteArrayOutputStream(expected);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (refusal != null) {
        subscription.cancel();
        result.completeExceptionally(refusal);
      } else if (cap == 0) {
        // Nothing of a redirect's or an error's body is needed; closing beats reading it.
        subscription.cancel();
        result.complete(null);
      } else {
        subscription.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + (long) buffer.remaining() > cap) {
          Objects.requireNonNull(subscription, "onNext before onSubscribe").cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
