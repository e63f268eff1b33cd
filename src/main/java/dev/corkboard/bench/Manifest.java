package dev.corkboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.json.Json;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the seed wrote and the load generator needs: bearer tokens of sample accounts with their
 * boards and pins, a hot set of pins, the biggest public boards, and (in a side file) the ids of
 * all public pins. Lives in {@code DATA_DIR/bench/}.
 *
 * @param accounts seeded accounts
 * @param boards seeded boards
 * @param pins seeded pins
 * @param seedRows rows the seed wrote
 * @param seedRowsPerSecond how fast it wrote them
 * @param seededAt when, RFC 3339
 * @param hotPins the hot set of public pins
 * @param bigBoards the biggest public boards, biggest first
 * @param users accounts with a token
 * @param popular the most followed accounts, with a token (none in a seed older than them)
 */
record Manifest(
    int accounts,
    int boards,
    int pins,
    long seedRows,
    double seedRowsPerSecond,
    String seededAt,
    long[] hotPins,
    List<BigBoard> bigBoards,
    List<User> users,
    List<User> popular) {

  static final String FILE = "manifest.json";
  static final String PUBLIC_PINS = "public-pins.bin";

  /** A big public board. */
  record BigBoard(long id, int pins) {}

  /** An account the load generator acts as. */
  record User(long accountId, String token, long[] boards, long[] pins) {}

  static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE)) && Files.isRegularFile(dir.resolve(PUBLIC_PINS));
  }

  void write(Path dir, long[] publicPins) throws IOException {
    ObjectNode root = Json.object();
    root.put("accounts", accounts).put("boards", boards).put("pins", pins);
    root.put("seed_rows", seedRows).put("seed_rows_per_second", seedRowsPerSecond);
    root.put("seeded_at", seededAt);
    ArrayNode hot = root.putArray("hot_pins");
    for (long id : hotPins) {
      hot.add(id);
    }
    ArrayNode big = root.putArray("big_boards");
    for (BigBoard b : bigBoards) {
      big.addObject().put("id", b.id()).put("pins", b.pins());
    }
    writeUsers(root.putArray("users"), users);
    writeUsers(root.putArray("popular"), popular);
    Seeder.writeIds(dir.resolve(PUBLIC_PINS), publicPins);
    Files.write(
        dir.resolve(FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  private static void writeUsers(ArrayNode array, List<User> users) {
    for (User u : users) {
      ObjectNode node = array.addObject();
      node.put("account_id", u.accountId()).put("token", u.token());
      ArrayNode b = node.putArray("boards");
      for (long id : u.boards()) {
        b.add(id);
      }
      ArrayNode p = node.putArray("pins");
      for (long id : u.pins()) {
        p.add(id);
      }
    }
  }

  static Manifest read(Path dir) throws IOException {
    JsonNode root = Json.parseTrusted(Files.readAllBytes(dir.resolve(FILE)));
    List<BigBoard> big = new ArrayList<>();
    root.path("big_boards")
        .forEach(b -> big.add(new BigBoard(b.path("id").asLong(), b.path("pins").asInt())));
    return new Manifest(
        root.path("accounts").asInt(),
        root.path("boards").asInt(),
        root.path("pins").asInt(),
        root.path("seed_rows").asLong(),
        root.path("seed_rows_per_second").asDouble(),
        root.path("seeded_at").asText(),
        longs(root.path("hot_pins")),
        big,
        users(root.path("users")),
        users(root.path("popular")));
  }

  private static List<User> users(JsonNode array) {
    List<User> users = new ArrayList<>();
    array.forEach(
        u ->
            users.add(
                new User(
                    u.path("account_id").asLong(),
                    u.path("token").asText(),
                    longs(u.path("boards")),
                    longs(u.path("pins")))));
    return users;
  }

  /** The ids of every public pin the seed wrote. */
  static long[] readPublicPins(Path dir) throws IOException {
    Path file = dir.resolve(PUBLIC_PINS);
    long[] ids = new long[(int) (Files.size(file) / 8)];
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      for (int i = 0; i < ids.length; i++) {
        ids[i] = in.readLong();
      }
    }
    return ids;
  }

  private static long[] longs(JsonNode array) {
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asLong();
    }
    return values;
  }
}
