package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.Application;
import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Readers hammer pins and board pages while writers change them; once a write's response has
 * arrived, no read that starts afterwards may show what the write replaced: not the old title, not
 * a deleted or moved pin, not a board that became secret, not a public search page that misses a
 * new pin or still finds an edited one by its old words. Run on one server and on three servers
 * sharing one PostgreSQL, every one with its read cache on: readers spread over the nodes, and each
 * write goes to the next node in turn.
 */
class ReadCacheConsistencyApiTest {

  private static final int READERS = 6;

  /** Servers that answer as one service: one alone, or a cluster. */
  record Shape(String name, List<Application> nodes) {

    /** The caller's client on node {@code i} (modulo the number of nodes). */
    Api on(int i, Users.User caller) {
      return Api.of(nodes.get(Math.floorMod(i, nodes.size()))).bearer(caller.token());
    }

    Users.User signUp() {
      return Users.signUp(Api.of(nodes.getFirst()));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Shape> shapes() {
    return Stream.of(
        new Shape("one node", List.of(TestServer.shared())),
        new Shape("three nodes", TestServer.sharedCluster()));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void noReadStartedAfterAnEditsResponseShowsAnOlderTitle(Shape shape) throws Exception {
    Users.User owner = shape.signUp();
    Users.User reading = shape.signUp();
    String board = Pins.board(owner.client(), "Edited");
    String pin = Pins.create(owner.client(), board, Color.ORANGE).text("id");
    Pins.awaitSettled(owner.client(), pin);
    assertThat(owner.client().patch("/v5/pins/" + pin, Map.of("title", "v0")).status())
        .isEqualTo(200);
    AtomicInteger readerNumber = new AtomicInteger();
    AtomicInteger acknowledged = new AtomicInteger();
    List<String> violations = new ArrayList<>();
    AtomicInteger reads = new AtomicInteger();
    runConcurrently(
        () -> {
          for (int version = 1; version <= 120; version++) {
            Api.Response edited =
                shape.on(version, owner).patch("/v5/pins/" + pin, Map.of("title", "v" + version));
            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            acknowledged.set(version);
          }
        },
        done -> {
          Api reader = shape.on(readerNumber.getAndIncrement(), reading);
          List<String> seen = new ArrayList<>();
          while (!done.get()) {
            int floor = acknowledged.get();
            Api.Response one = reader.get("/v5/pins/" + pin);
            check(seen, "GET pin", floor, versionOf(one.json()));
            floor = acknowledged.get();
            Api.Response page = reader.get("/v5/boards/" + board + "/pins");
            JsonNode item = page.json().path("items").path(0);
            assertThat(item.path("id").asText()).isEqualTo(pin);
            check(seen, "board page", floor, versionOf(item));
            reads.addAndGet(2);
          }
          return seen;
        },
        violations);
    assertThat(violations).as("stale reads").isEmpty();
    assertThat(reads.get()).as("reads made during the edits").isGreaterThan(100);
    for (int node = 0; node < shape.nodes().size(); node++) {
      assertThat(versionOf(shape.on(node, reading).get("/v5/pins/" + pin).json())).isEqualTo(120);
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void noReadStartedAfterADeletesOrMovesResponseShowsThePinWhereItWas(Shape shape)
      throws Exception {
    Users.User owner = shape.signUp();
    Users.User reading = shape.signUp();
    AtomicInteger readerNumber = new AtomicInteger();
    String from = Pins.board(owner.client(), "From");
    String to = Pins.board(owner.client(), "To");
    int count = 20;
    List<String> pins = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pins.add(Pins.create(owner.client(), from, new Color(i * 12, 40, 90)).text("id"));
    }
    for (String pin : pins) {
      Pins.awaitSettled(owner.client(), pin);
    }
    // 0 = on "from", 1 = moved to "to", 2 = deleted; set once the write's response has arrived.
    AtomicIntegerArray state = new AtomicIntegerArray(count);
    List<String> violations = new ArrayList<>();
    runConcurrently(
        () -> {
          for (int i = 0; i < count; i++) {
            String pin = pins.get(i);
            if (i % 2 == 0) {
              Api.Response moved =
                  shape.on(i, owner).patch("/v5/pins/" + pin, Map.of("board_id", to));
              assertThat(moved.status()).as(moved.body()).isEqualTo(200);
              state.set(i, 1);
            } else {
              assertThat(shape.on(i, owner).delete("/v5/pins/" + pin).status()).isEqualTo(204);
              state.set(i, 2);
            }
          }
        },
        done -> {
          Api reader = shape.on(readerNumber.getAndIncrement(), reading);
          List<String> seen = new ArrayList<>();
          int next = 0;
          while (!done.get()) {
            int i = next++ % count;
            int before = state.get(i);
            Api.Response one = reader.get("/v5/pins/" + pins.get(i));
            if (before == 2 && one.status() != 404) {
              seen.add("pin " + i + " answered " + one.status() + " after its delete");
            }
            if (before == 1 && !one.json().path("board_id").asText().equals(to)) {
              seen.add(
                  "pin " + i + " showed board " + one.json().path("board_id") + " after a move");
            }
            int[] snapshot = snapshot(state);
            List<String> onFrom = Pins.ids(reader.get("/v5/boards/" + from + "/pins"));
            for (int p = 0; p < count; p++) {
              if (snapshot[p] != 0 && onFrom.contains(pins.get(p))) {
                seen.add("pin " + p + " still listed on its old board after a move or delete");
              }
            }
            List<String> onTo = Pins.ids(reader.get("/v5/boards/" + to + "/pins"));
            for (int p = 0; p < count; p++) {
              if (snapshot[p] == 1 && !onTo.contains(pins.get(p))) {
                seen.add("pin " + p + " missing from its new board after the move");
              }
            }
          }
          return seen;
        },
        violations);
    assertThat(violations).as("stale reads").isEmpty();
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void noReadStartedAfterABoardTurnsSecretShowsItsPinsToOthers(Shape shape) throws Exception {
    Users.User owner = shape.signUp();
    Users.User reading = shape.signUp();
    AtomicInteger readerNumber = new AtomicInteger();
    List<String> boards = new ArrayList<>();
    List<String> pins = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String board = Pins.board(owner.client(), "Soon secret " + i);
      boards.add(board);
      String pin = Pins.create(owner.client(), board, new Color(200, i * 20, 10)).text("id");
      Pins.awaitSettled(owner.client(), pin);
      pins.add(pin);
    }
    AtomicIntegerArray secret = new AtomicIntegerArray(boards.size());
    AtomicInteger shown = new AtomicInteger();
    List<String> violations = new ArrayList<>();
    runConcurrently(
        () -> {
          for (int i = 0; i < boards.size(); i++) {
            Api.Response changed =
                shape
                    .on(i, owner)
                    .patch("/v5/boards/" + boards.get(i), Map.of("privacy", "SECRET"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            secret.set(i, 1);
          }
        },
        done -> {
          Api reader = shape.on(readerNumber.getAndIncrement(), reading);
          List<String> seen = new ArrayList<>();
          int next = 0;
          while (!done.get()) {
            int i = next++ % boards.size();
            boolean wasSecret = secret.get(i) == 1;
            int pin = reader.get("/v5/pins/" + pins.get(i)).status();
            int page = reader.get("/v5/boards/" + boards.get(i) + "/pins").status();
            if (wasSecret && (pin != 404 || page != 404)) {
              seen.add("board " + i + " secret, yet pin " + pin + " and page " + page);
            }
            if (pin == 200 && page == 200) {
              shown.incrementAndGet();
            }
          }
          return seen;
        },
        violations);
    assertThat(violations).as("stale reads").isEmpty();
    assertThat(shown.get()).as("reads that saw a board while it was public").isPositive();
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void noPublicSearchStartedAfterAWritesResponseMissesANewPinOrFindsAnEditedOneByItsOldWords(
      Shape shape) throws Exception {
    Users.User owner = shape.signUp();
    Users.User reading = shape.signUp();
    AtomicInteger readerNumber = new AtomicInteger();
    String marker = "m" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    String board = Pins.board(owner.client(), "Searched");
    int count = 40;
    List<String> pins = new CopyOnWriteArrayList<>();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger editing = new AtomicInteger();
    AtomicInteger edited = new AtomicInteger();
    AtomicInteger searches = new AtomicInteger();
    String search =
        "/v5/search/public/pins?page_size=" + (count + 10) + "&query=" + marker + "+pin";
    List<String> violations = new ArrayList<>();
    runConcurrently(
        () -> {
          for (int i = 0; i < count; i++) {
            Api.Response pin =
                shape
                    .on(i, owner)
                    .post(
                        "/v5/pins",
                        Map.of(
                            "board_id",
                            board,
                            "title",
                            marker + " pin " + i,
                            "media_source",
                            Pins.base64Source(Images.png(4, 4, new Color(i * 6, 80, 120)))));
            assertThat(pin.status()).as(pin.body()).isEqualTo(201);
            pins.add(pin.text("id"));
            created.set(i + 1);
          }
          for (int i = 0; i < count; i++) {
            editing.set(i + 1);
            Api.Response pin =
                shape
                    .on(i + 1, owner)
                    .patch("/v5/pins/" + pins.get(i), Map.of("title", "renamed " + i));
            assertThat(pin.status()).as(pin.body()).isEqualTo(200);
            edited.set(i + 1);
          }
        },
        done -> {
          Api reader = shape.on(readerNumber.getAndIncrement(), reading);
          List<String> seen = new ArrayList<>();
          while (!done.get()) {
            int made = created.get();
            int renamed = edited.get();
            Api.Response page = reader.get(search);
            if (page.status() != 200) {
              seen.add("search answered " + page.status() + ": " + page.body());
              continue;
            }
            List<String> found = Pins.ids(page);
            // Only a pin no rename had touched by the search's end must be found by its title.
            for (int i = editing.get(); i < made; i++) {
              if (!found.contains(pins.get(i))) {
                seen.add("pin " + i + " created, not yet renamed, yet not found");
              }
            }
            for (int i = 0; i < renamed; i++) {
              if (found.contains(pins.get(i))) {
                seen.add("pin " + i + " renamed, yet found by its old title");
              }
            }
            searches.incrementAndGet();
          }
          return seen;
        },
        violations);
    assertThat(violations).as("stale searches").isEmpty();
    assertThat(searches.get()).as("searches made during the writes").isGreaterThan(50);
    assertThat(Pins.ids(shape.on(0, reading).get(search))).isEmpty();
  }

  /** The version a title "v<n>" names; -1 for any other title (one older than every edit). */
  private static int versionOf(JsonNode pin) {
    String title = pin.path("title").asText();
    return title.matches("v[0-9]+") ? Integer.parseInt(title.substring(1)) : -1;
  }

  private static void check(List<String> seen, String what, int floor, int version) {
    if (version < floor) {
      seen.add(what + " showed v" + version + " after v" + floor + " was acknowledged");
    }
  }

  private static int[] snapshot(AtomicIntegerArray values) {
    int[] copy = new int[values.length()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = values.get(i);
    }
    return copy;
  }

  interface Reader {
    List<String> read(AtomicBoolean done) throws Exception;
  }

  interface Writer {
    void write() throws Exception;
  }

  /** Runs the writer while {@link #READERS} readers loop until it is done; gathers violations. */
  private static void runConcurrently(Writer writer, Reader reader, List<String> violations)
      throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<String>>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(executor.submit(() -> reader.read(done)));
      }
      Future<?> writing =
          executor.submit(
              () -> {
                try {
                  writer.write();
                } finally {
                  done.set(true);
                }
                return null;
              });
      writing.get();
      for (Future<List<String>> r : readers) {
        seen.addAll(r.get());
      }
    }
    violations.addAll(seen);
  }
}
