package dev.corkboard.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.ServerProcess;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import dev.corkboard.support.Waits;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Servers as separate processes on one PostgreSQL, each with its read cache on, as several nodes
 * behind a load balancer run: a node frozen with SIGSTOP holds writes up for at most one lease and
 * serves nothing stale once it runs again; a node killed with SIGKILL under load loses no
 * acknowledged write, and the others go on serving.
 */
class SeveralNodesApiTest {

  /** The lease a caching node holds (Coherence.LEASE_MILLIS). */
  private static final Duration LEASE = Duration.ofMillis(Coherence.LEASE_MILLIS);

  private final List<ServerProcess> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(ServerProcess::close);
  }

  @Test
  void aFrozenNodeHoldsWritesUpForAtMostOneLeaseAndServesNothingStaleWhenItRunsAgain() {
    start(2);
    ServerProcess frozen = nodes.get(1);
    Users.User owner = Users.signUp(Api.of(nodes.get(0).baseUrl()));
    Api writer = owner.client();
    Api onFrozen = Api.of(frozen.baseUrl()).bearer(owner.token());
    String board = Pins.board(writer, "Watched");
    String pin = Pins.create(writer, board, Color.MAGENTA).text("id");
    Pins.awaitSettled(writer, pin);
    awaitServedFromMemory(onFrozen, frozen, pin);

    Duration held;
    Duration next;
    frozen.freeze();
    try {
      long start = System.nanoTime();
      assertThat(writer.patch("/v5/pins/" + pin, Map.of("title", "while frozen")).status())
          .isEqualTo(200);
      held = Duration.ofNanos(System.nanoTime() - start);
      start = System.nanoTime();
      assertThat(writer.patch("/v5/pins/" + pin, Map.of("title", "later")).status()).isEqualTo(200);
      next = Duration.ofNanos(System.nanoTime() - start);
    } finally {
      frozen.thaw();
    }
    assertThat(held)
        .as("the first write waits for the frozen node's lease to run out, and no longer")
        .isBetween(Duration.ofMillis(300), LEASE.plusMillis(1_500));
    assertThat(next).as("a lease that ran out is waited for no more").isLessThan(LEASE);

    for (int i = 0; i < 20; i++) {
      assertThat(onFrozen.get("/v5/pins/" + pin).json().path("title").asText())
          .as("read %d on the thawed node", i)
          .isEqualTo("later");
      Waits.sleep(100);
    }
    // Back as a new node with an empty cache, it is waited for again.
    awaitServedFromMemory(onFrozen, frozen, pin);
    assertThat(writer.patch("/v5/pins/" + pin, Map.of("title", "after")).status()).isEqualTo(200);
    assertThat(onFrozen.get("/v5/pins/" + pin).json().path("title").asText()).isEqualTo("after");
  }

  @Test
  void aNodeKilledUnderLoadLosesNoAcknowledgedWriteAndTheOthersGoOnServing() throws Exception {
    start(3);
    ServerProcess doomed = nodes.get(2);
    Users.User owner = Users.signUp(Api.of(nodes.get(0).baseUrl()));
    String board = Pins.board(owner.client(), "Busy");
    int count = 6;
    List<String> pins = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pins.add(Pins.create(owner.client(), board, new Color(30 * i, 90, 160)).text("id"));
    }
    for (String pin : pins) {
      Pins.awaitSettled(owner.client(), pin);
      owner.client().patch("/v5/pins/" + pin, Map.of("title", "v0"));
    }
    // Writer w edits pins w and w + 3 through node w, and records each version acknowledged.
    AtomicIntegerArray acknowledged = new AtomicIntegerArray(count);
    AtomicIntegerArray attempted = new AtomicIntegerArray(count);
    AtomicBoolean killed = new AtomicBoolean();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger writesAfterTheKill = new AtomicInteger();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        int node = w;
        work.add(
            executor.submit(
                () -> {
                  Api api = Api.of(nodes.get(node).baseUrl()).bearer(owner.token());
                  for (int version = 1; !done.get(); version++) {
                    int p = node + 3 * (version % 2);
                    attempted.set(p, version);
                    Api.Response edited;
                    try {
                      edited = api.patch("/v5/pins/" + pins.get(p), Map.of("title", "v" + version));
                    } catch (RuntimeException e) {
                      if (node == 2 && killed.get()) {
                        return null;
                      }
                      throw e;
                    }
                    if (edited.status() != 200) {
                      violations.add("write to node " + node + " answered " + edited.status());
                      return null;
                    }
                    acknowledged.set(p, version);
                    if (killed.get() && node != 2) {
                      writesAfterTheKill.incrementAndGet();
                    }
                  }
                  return null;
                }));
        work.add(
            executor.submit(
                () -> {
                  Api api = Api.of(nodes.get(node).baseUrl()).bearer(owner.token());
                  for (int i = 0; !done.get(); i++) {
                    int p = i % count;
                    int floor = acknowledged.get(p);
                    int version;
                    try {
                      version = versionOf(api.get("/v5/pins/" + pins.get(p)));
                    } catch (RuntimeException e) {
                      if (node == 2 && killed.get()) {
                        return null;
                      }
                      throw e;
                    }
                    if (version < floor) {
                      violations.add("node " + node + " showed v" + version + " after v" + floor);
                    }
                  }
                  return null;
                }));
      }
      Waits.sleep(2_000);
      killed.set(true);
      doomed.kill();
      Waits.sleep(3_000);
      done.set(true);
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(violations).as("stale reads or failed writes").isEmpty();
    assertThat(writesAfterTheKill.get()).as("writes answered after the kill").isPositive();
    for (int node = 0; node < 2; node++) {
      Api api = Api.of(nodes.get(node).baseUrl()).bearer(owner.token());
      for (int p = 0; p < count; p++) {
        assertThat(versionOf(api.get("/v5/pins/" + pins.get(p))))
            .as("pin %d on node %d", p, node)
            .isBetween(acknowledged.get(p), attempted.get(p));
      }
    }
  }

  /** Starts {@code count} nodes on a new database, sharing one blob directory. */
  private void start(int count) {
    // A database of their own: these nodes wait for no other test's servers, nor hold them up.
    String url = TestDatabase.fresh().toString();
    try {
      Path blobs = Files.createDirectories(TestServer.newDataDir().resolve("blobs"));
      for (int i = 0; i < count; i++) {
        nodes.add(
            ServerProcess.start(
                TestServer.newDataDir(),
                List.of("--database-url", url, "--blob-dir", blobs.toString())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the pin on the node until the node answers it from memory. */
  private static void awaitServedFromMemory(Api api, ServerProcess node, String pin) {
    double before = pinHits(node);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (pinHits(node) <= before) {
      assertThat(System.nanoTime()).as("served from memory in time").isLessThan(deadline);
      assertThat(api.get("/v5/pins/" + pin).status()).isEqualTo(200);
      Waits.sleep(50);
    }
  }

  private static double pinHits(ServerProcess node) {
    for (String line : Api.of(node.baseUrl()).unvalidated().get("/metrics").body().split("\n")) {
      if (line.startsWith("cache_gets_total{cache=\"pins\",result=\"hit\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /** The version a title "v<n>" names; -1 for any other. */
  private static int versionOf(Api.Response pin) {
    String title = pin.json().path("title").asText();
    return title.matches("v[0-9]+") ? Integer.parseInt(title.substring(1)) : -1;
  }
}
