package dev.corkboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.http.CeilingRoutes;
import dev.corkboard.platform.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jspecify.annotations.Nullable;

/**
 * One kind of load: its name, which ceiling it is compared against, and how it makes requests.
 *
 * @param name short name used in reports and on the command line
 * @param ceiling the database ceiling its ratio is taken against
 * @param description what it does, for the report
 * @param source makes its requests
 */
record Scenario(
    String name, Ceiling ceiling, String description, LoadGenerator.RequestSource source) {

  /** Which pgbench ceiling a scenario compares with (all compare with the HTTP ceiling too). */
  enum Ceiling {
    /** The HTTP ceiling itself. */
    NONE,
    /** pgbench -S: primary-key selects. */
    READ,
    /** pgbench -N: small write transactions. */
    WRITE,
    /** 95% reads and 5% writes: the harmonic mix of the two. */
    MIX
  }

  /** The names of every scenario, in the order a full run measures them. */
  static final List<String> ALL =
      List.of(
          "ceiling-http",
          "pin-hot",
          "pin-uniform",
          "board-pins-first",
          "board-pins-deep",
          "my-boards",
          "feed",
          "search-public",
          "related",
          "save",
          "move",
          "bulk-move",
          "follow",
          "reorder",
          "mix");

  /** Builds the scenarios of a seeded data set; walks the deep boards once to get bookmarks. */
  static List<Scenario> build(
      List<String> names, Manifest manifest, long[] publicPins, String host, int port)
      throws IOException {
    String hostHeader = host + ":" + port;
    List<Manifest.User> users = manifest.users();
    List<Manifest.User> withPins =
        users.stream().filter(u -> u.pins().length > 0 && u.boards().length >= 2).toList();
    long[] hot = manifest.hotPins();
    LoadGenerator.RequestSource ceiling = r -> HttpConnection.get(CeilingRoutes.PATH, hostHeader);
    LoadGenerator.RequestSource pinHot =
        r ->
            HttpConnection.get(
                "/v5/pins/" + hot[r.nextInt(hot.length)], hostHeader, token(users, r));
    LoadGenerator.RequestSource pinUniform =
        r ->
            HttpConnection.get(
                "/v5/pins/" + publicPins[r.nextInt(publicPins.length)],
                hostHeader,
                token(users, r));
    LoadGenerator.RequestSource boardFirst =
        r -> {
          Manifest.User u = users.get(r.nextInt(users.size()));
          long board = u.boards()[r.nextInt(u.boards().length)];
          return HttpConnection.get("/v5/boards/" + board + "/pins", hostHeader, u.token());
        };
    List<String> deepTargets =
        names.contains("board-pins-deep") || names.contains("mix")
            ? deepTargets(manifest, host, port, hostHeader, users.getFirst().token())
            : List.of();
    LoadGenerator.RequestSource boardDeep =
        r ->
            HttpConnection.get(
                deepTargets.get(r.nextInt(deepTargets.size())), hostHeader, token(users, r));
    LoadGenerator.RequestSource myBoards =
        r -> HttpConnection.get("/v5/boards", hostHeader, token(users, r));
    // Two words as a searcher types them, of the words seeded titles and board names are made of:
    // each pair matches 0.5% to 3% of the pins (5,000 to 27,000 of a million), on titles and board
    // names.
    LoadGenerator.RequestSource searchPublic =
        r ->
            HttpConnection.get(
                "/v5/search/public/pins?query="
                    + Seeder.ADJECTIVES[r.nextInt(Seeder.ADJECTIVES.length)].toLowerCase(
                        Locale.ROOT)
                    + "+"
                    + Seeder.NOUNS[r.nextInt(Seeder.NOUNS.length)].split(" ")[0],
                hostHeader,
                token(users, r));
    LoadGenerator.RequestSource related =
        r ->
            HttpConnection.get(
                "/v5/pins/" + publicPins[r.nextInt(publicPins.length)] + "/related",
                hostHeader,
                token(users, r));
    LoadGenerator.RequestSource save =
        r -> {
          Manifest.User u = users.get(r.nextInt(users.size()));
          long board = u.boards()[r.nextInt(u.boards().length)];
          long pin = publicPins[r.nextInt(publicPins.length)];
          return HttpConnection.send(
              "POST",
              "/v5/pins/" + pin + "/save",
              hostHeader,
              u.token(),
              ("{\"board_id\":\"" + board + "\"}").getBytes(StandardCharsets.US_ASCII));
        };
    LoadGenerator.RequestSource move =
        r -> {
          Manifest.User u = withPins.get(r.nextInt(withPins.size()));
          long pin = u.pins()[r.nextInt(u.pins().length)];
          long board = u.boards()[r.nextInt(u.boards().length)];
          return HttpConnection.send(
              "PATCH",
              "/v5/pins/" + pin,
              hostHeader,
              u.token(),
              ("{\"board_id\":\"" + board + "\"}").getBytes(StandardCharsets.US_ASCII));
        };
    List<BulkPair> bulkPairs =
        names.contains("bulk-move")
            ? bulkPairs(withPins, publicPins, host, port, hostHeader)
            : List.of();
    // Each account's 250 pins go to its other board, back and forth: every request moves them all.
    AtomicIntegerArray bulkTurns = new AtomicIntegerArray(Math.max(1, bulkPairs.size()));
    LoadGenerator.RequestSource bulkMove =
        r -> {
          int i = r.nextInt(bulkPairs.size());
          BulkPair pair = bulkPairs.get(i);
          String board = bulkTurns.getAndIncrement(i) % 2 == 0 ? pair.second() : pair.first();
          return HttpConnection.send(
              "POST",
              "/v5/pins/bulk",
              hostHeader,
              pair.token(),
              ("{\"action\":\"MOVE\",\"board_id\":\""
                      + board
                      + "\",\"pin_ids\":"
                      + pair.pins()
                      + "}")
                  .getBytes(StandardCharsets.US_ASCII));
        };
    LoadGenerator.RequestSource feed =
        r -> HttpConnection.get("/v5/feed", hostHeader, token(users, r));
    // Follows and unfollows, half each, of another account's public board: both are writes.
    LoadGenerator.RequestSource follow =
        r -> {
          Manifest.User u = users.get(r.nextInt(users.size()));
          // Another account's board: following one's own is refused.
          Manifest.User other = users.get(r.nextInt(users.size()));
          for (int tries = 0;
              tries < 16 && (other.accountId() == u.accountId() || other.boards().length == 0);
              tries++) {
            other = withPins.get(r.nextInt(withPins.size()));
          }
          long board = other.boards()[r.nextInt(other.boards().length)];
          return HttpConnection.send(
              r.nextBoolean() ? "PUT" : "DELETE",
              "/v5/boards/" + board + "/follow",
              hostHeader,
              u.token(),
              new byte[0]);
        };
    List<ReorderTarget> reorderTargets =
        names.contains("reorder")
            ? List.of(reorderTarget(manifest, host, port, hostHeader))
            : List.of();
    // Moves a random pin of the biggest board (one of the first 1,000) after another, as its owner.
    LoadGenerator.RequestSource reorder =
        r -> {
          ReorderTarget t = reorderTargets.getFirst();
          long pin = t.pins()[r.nextInt(t.pins().length)];
          long after = t.pins()[r.nextInt(t.pins().length)];
          String body =
              pin == after
                  ? "{\"pin_id\":\"" + pin + "\",\"after\":null}"
                  : "{\"pin_id\":\"" + pin + "\",\"after\":\"" + after + "\"}";
          return HttpConnection.send(
              "POST",
              "/v5/boards/" + t.boardId() + "/pins/order",
              hostHeader,
              t.token(),
              body.getBytes(StandardCharsets.US_ASCII));
        };
    // 95% reads, 5% writes, in percent.
    LoadGenerator.RequestSource[] mixTable = new LoadGenerator.RequestSource[100];
    int at = 0;
    at = fill(mixTable, at, 40, pinUniform);
    at = fill(mixTable, at, 25, pinHot);
    at = fill(mixTable, at, 15, boardFirst);
    at = fill(mixTable, at, 10, myBoards);
    at = fill(mixTable, at, 5, deepTargets.isEmpty() ? boardFirst : boardDeep);
    at = fill(mixTable, at, 3, save);
    fill(mixTable, at, 2, move);
    LoadGenerator.RequestSource mix = r -> mixTable[r.nextInt(100)].next(r);

    List<Scenario> scenarios = new ArrayList<>();
    for (String name : names) {
      scenarios.add(
          switch (name) {
            case "ceiling-http" ->
                new Scenario(
                    name,
                    Ceiling.NONE,
                    "GET /bench/ceiling: fixed JSON, no database, no auth",
                    ceiling);
            case "pin-hot" ->
                new Scenario(name, Ceiling.READ, "GET /v5/pins/{id} over 1,000 hot pins", pinHot);
            case "pin-uniform" ->
                new Scenario(
                    name,
                    Ceiling.READ,
                    "GET /v5/pins/{id} uniformly over all public pins",
                    pinUniform);
            case "board-pins-first" ->
                new Scenario(
                    name,
                    Ceiling.READ,
                    "GET /v5/boards/{id}/pins, first page of 25, caller's own boards",
                    boardFirst);
            case "board-pins-deep" ->
                new Scenario(
                    name,
                    Ceiling.READ,
                    "GET /v5/boards/{id}/pins?bookmark=, a page 1,000+ pins deep in the biggest boards",
                    boardDeep);
            case "my-boards" ->
                new Scenario(
                    name, Ceiling.READ, "GET /v5/boards, the caller's first page", myBoards);
            case "feed" ->
                new Scenario(
                    name,
                    Ceiling.READ,
                    "GET /v5/feed, first page of 25 of a seeded account's home feed",
                    feed);
            case "reorder" ->
                new Scenario(
                    name,
                    Ceiling.WRITE,
                    "POST /v5/boards/{id}/pins/order in the biggest board ("
                        + reorderTargets.getFirst().size()
                        + " pins), its owner moving one pin after another",
                    reorder);
            case "follow" ->
                new Scenario(
                    name,
                    Ceiling.WRITE,
                    "PUT or DELETE /v5/boards/{id}/follow of another account's public board",
                    follow);
            case "search-public" ->
                new Scenario(
                    name,
                    Ceiling.READ,
                    "GET /v5/search/public/pins?query=<adjective noun>, first page of 25, ranked",
                    searchPublic);
            case "related" ->
                new Scenario(
                    name,
                    Ceiling.READ,
                    "GET /v5/pins/{id}/related, uniformly over all public pins, first page of 25,"
                        + " 100,000-step walks, unseeded",
                    related);
            case "save" ->
                new Scenario(
                    name, Ceiling.WRITE, "POST /v5/pins/{id}/save onto a caller's board", save);
            case "move" ->
                new Scenario(
                    name,
                    Ceiling.WRITE,
                    "PATCH /v5/pins/{id} moving a caller's pin to another of its boards",
                    move);
            case "bulk-move" ->
                new Scenario(
                    name,
                    Ceiling.WRITE,
                    "POST /v5/pins/bulk moving 250 pins between two boards of the caller's, back"
                        + " and forth",
                    bulkMove);
            case "mix" ->
                new Scenario(
                    name,
                    Ceiling.MIX,
                    "95% reads (pins 65, board pages 20, boards 10) / 5% writes (save 3, move 2)",
                    mix);
            default ->
                throw new IllegalArgumentException(
                    "unknown scenario '" + name + "'; known: " + String.join(", ", ALL));
          });
    }
    return scenarios;
  }

  private static int fill(
      LoadGenerator.RequestSource[] table, int at, int count, LoadGenerator.RequestSource source) {
    for (int i = 0; i < count; i++) {
      table[at + i] = source;
    }
    return at + count;
  }

  private static String token(List<Manifest.User> users, SplittableRandom r) {
    return users.get(r.nextInt(users.size())).token();
  }

  /** How many accounts the bulk-move scenario moves pins of; each request takes one of them. */
  static final int BULK_ACCOUNTS = 16;

  /** How many pins each request of the bulk-move scenario moves: the most one request takes. */
  static final int BULK_PINS = 250;

  /**
   * Two boards of one account for the bulk-move scenario, and the pins moved between them.
   *
   * @param token the account's token
   * @param first the board the pins start on
   * @param second the other board
   * @param pins the pins' ids as a JSON array of strings
   */
  private record BulkPair(String token, String first, String second, String pins) {}

  /**
   * Makes, for the bulk-move scenario, two new secret boards for each of {@link #BULK_ACCOUNTS}
   * seeded accounts and copies {@link #BULK_PINS} public pins onto the first, through the API (one
   * bulk copy each). Secret boards, so that the copies set no feed fan-out going during the run.
   */
  private static List<BulkPair> bulkPairs(
      List<Manifest.User> users, long[] publicPins, String host, int port, String hostHeader)
      throws IOException {
    List<BulkPair> pairs = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(42);
    String suffix = Long.toString(System.currentTimeMillis(), 36);
    try (HttpConnection connection = new HttpConnection(host, port)) {
      for (int u = 0; u < Math.min(BULK_ACCOUNTS, users.size()); u++) {
        Manifest.User user = users.get(u);
        String first = createBoard(connection, hostHeader, user.token(), "bulk-a-" + suffix);
        String second = createBoard(connection, hostHeader, user.token(), "bulk-b-" + suffix);
        Set<Long> chosen = new LinkedHashSet<>();
        while (chosen.size() < Math.min(BULK_PINS, publicPins.length)) {
          chosen.add(publicPins[random.nextInt(publicPins.length)]);
        }
        StringBuilder sources = new StringBuilder("[");
        for (long id : chosen) {
          sources.append(sources.length() > 1 ? "," : "").append('"').append(id).append('"');
        }
        sources.append(']');
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status =
            connection.exchange(
                HttpConnection.send(
                    "POST",
                    "/v5/pins/bulk",
                    hostHeader,
                    user.token(),
                    ("{\"action\":\"COPY\",\"board_id\":\""
                            + first
                            + "\",\"pin_ids\":"
                            + sources
                            + "}")
                        .getBytes(StandardCharsets.US_ASCII)),
                body);
        if (status != 200) {
          throw new IOException("copying pins for bulk-move answered " + status + ": " + body);
        }
        StringBuilder copies = new StringBuilder("[");
        for (JsonNode id : Json.parseTrusted(body.toByteArray()).path("items")) {
          copies.append(copies.length() > 1 ? "," : "").append('"').append(id.asText()).append('"');
        }
        copies.append(']');
        pairs.add(new BulkPair(user.token(), first, second, copies.toString()));
      }
    }
    if (pairs.isEmpty()) {
      throw new IOException("no seeded account to move pins of; seed more");
    }
    return pairs;
  }

  private static String createBoard(
      HttpConnection connection, String hostHeader, String token, String name) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status =
        connection.exchange(
            HttpConnection.send(
                "POST",
                "/v5/boards",
                hostHeader,
                token,
                ("{\"name\":\"" + name + "\",\"privacy\":\"SECRET\"}")
                    .getBytes(StandardCharsets.US_ASCII)),
            body);
    if (status != 201) {
      throw new IOException("creating a board for bulk-move answered " + status + ": " + body);
    }
    return Json.parseTrusted(body.toByteArray()).path("id").asText();
  }

  /**
   * The board the reorder scenario arranges: the biggest public board, with its owner's token (the
   * seed gives that owner one) and the ids of its newest 1,000 pins.
   *
   * @param boardId the board
   * @param size how many pins it holds
   * @param token its owner's token
   * @param pins pins on it to move
   */
  private record ReorderTarget(long boardId, int size, String token, long[] pins) {}

  private static ReorderTarget reorderTarget(
      Manifest manifest, String host, int port, String hostHeader) throws IOException {
    Manifest.BigBoard board = manifest.bigBoards().getFirst();
    Manifest.User owner =
        manifest.users().stream()
            .filter(u -> Arrays.stream(u.boards()).anyMatch(b -> b == board.id()))
            .findFirst()
            .orElseThrow(
                () ->
                    new IOException(
                        "no seeded token owns the biggest board; seed again for reorder"));
    List<Long> pins = new ArrayList<>();
    try (HttpConnection connection = new HttpConnection(host, port)) {
      walkBoard(
          connection,
          board.id(),
          hostHeader,
          owner.token(),
          4,
          (page, json, next) ->
              json.path("items")
                  .forEach(item -> pins.add(Long.parseLong(item.path("id").asText()))));
    }
    if (pins.size() < 2) {
      throw new IOException("the biggest board has fewer than 2 pins; seed more pins");
    }
    return new ReorderTarget(
        board.id(),
        board.pins(),
        owner.token(),
        pins.stream().mapToLong(Long::longValue).toArray());
  }

  /**
   * Request targets of pages deep inside the biggest boards: walks each board with pages of 250 and
   * keeps the bookmarks from 1,000 pins on (or from the second page of a smaller board).
   */
  private static List<String> deepTargets(
      Manifest manifest, String host, int port, String hostHeader, String token)
      throws IOException {
    List<String> targets = new ArrayList<>();
    try (HttpConnection connection = new HttpConnection(host, port)) {
      for (Manifest.BigBoard board : manifest.bigBoards()) {
        walkBoard(
            connection,
            board.id(),
            hostHeader,
            token,
            8,
            (page, json, next) -> {
              if (next != null && (page >= 4 || board.pins() < 1_000)) {
                targets.add(
                    "/v5/boards/"
                        + board.id()
                        + "/pins?bookmark="
                        + URLEncoder.encode(next, StandardCharsets.UTF_8));
              }
            });
      }
    }
    if (targets.isEmpty()) {
      throw new IOException("no board is big enough for a deep page; seed more pins");
    }
    return targets;
  }

  /** What a walk of a board's pages does with each page. */
  @FunctionalInterface
  private interface BoardPage {
    /**
     * Takes page number {@code page} (from 1) as JSON, with the bookmark of the page after it, null
     * on the last.
     */
    void take(int page, JsonNode json, @Nullable String next) throws IOException;
  }

  /** Walks a board's pins in pages of 250 by bookmark, at most {@code maxPages} of them. */
  private static void walkBoard(
      HttpConnection connection,
      long boardId,
      String hostHeader,
      String token,
      int maxPages,
      BoardPage each)
      throws IOException {
    String bookmark = null;
    for (int page = 1; page <= maxPages; page++) {
      String target =
          "/v5/boards/"
              + boardId
              + "/pins?page_size=250"
              + (bookmark == null
                  ? ""
                  : "&bookmark=" + URLEncoder.encode(bookmark, StandardCharsets.UTF_8));
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int status = connection.exchange(HttpConnection.get(target, hostHeader, token), body);
      if (status != 200) {
        throw new IOException("listing board " + boardId + " answered " + status);
      }
      JsonNode json = Json.parseTrusted(body.toByteArray());
      JsonNode next = json.path("bookmark");
      bookmark = next.isNull() || next.isMissingNode() ? null : next.asText();
      each.take(page, json, bookmark);
      if (bookmark == null) {
        return;
      }
    }
  }
}
