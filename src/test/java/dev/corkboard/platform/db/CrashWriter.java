package dev.corkboard.platform.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.ImageServer;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import java.awt.Color;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One writer of the crash test: writes boards, sections and pins of its account over HTTP, a random
 * mix, until the server stops answering, and keeps a ledger of what every answered write must have
 * left behind. A write whose answer was lost may have happened or not; the writer stops at it, so
 * nothing it sends later can overtake it, and the next audit settles which it was.
 */
final class CrashWriter {

  private static final int MAX_BOARDS = 6;
  private static final int MAX_SECTIONS = 3;
  private static final List<Color> UPLOAD_COLORS =
      List.of(Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.MAGENTA);

  /** Whether a pin is there: known, or deleted by a request whose answer was lost. */
  enum Existence {
    PRESENT,
    MAYBE_DELETED,
    DELETED
  }

  /**
   * A pin's board, section ({@code ""} for none) and title, as a listing shows them.
   *
   * @param boardId its board
   * @param sectionId its section, or empty
   * @param title its title
   */
  record PinState(String boardId, String sectionId, String title) {

    static PinState of(JsonNode pin) {
      JsonNode section = pin.path("board_section_id");
      return new PinState(
          pin.path("board_id").asText(),
          section.isNull() || section.isMissingNode() ? "" : section.asText(),
          pin.path("title").asText());
    }
  }

  /** A board of the ledger: the descriptions it may have and its sections. */
  static final class BoardEntry {
    final String id;
    final String name;
    final Set<String> descriptions = new HashSet<>();
    final List<String> sections = new ArrayList<>();
    int unverified;

    BoardEntry(String id, String name, String description) {
      this.id = id;
      this.name = name;
      this.descriptions.add(description);
    }
  }

  /** A section of the ledger: the names it may have. */
  static final class SectionEntry {
    final String id;
    final String boardId;
    final Set<String> names = new HashSet<>();
    int unverified;

    SectionEntry(String id, String boardId, String name) {
      this.id = id;
      this.boardId = boardId;
      this.names.add(name);
    }
  }

  /** A pin of the ledger: the states it may be in and the image it shows. */
  static final class PinEntry {
    final String id;
    final Set<PinState> states = new HashSet<>();
    final String sha256;
    Existence existence = Existence.PRESENT;
    boolean deletedSinceAudit;
    boolean mediaServed;
    int unverified;

    PinEntry(String id, PinState state, String sha256) {
      this.id = id;
      this.states.add(state);
      this.sha256 = sha256;
    }

    PinState state() {
      return states.iterator().next();
    }
  }

  /**
   * A create whose answer was lost: the object may exist, with an id never learnt.
   *
   * @param kind board, section or pin
   * @param boardId the board of a section or pin
   * @param name the board's or section's name
   * @param pin the pin's state
   * @param sha256 the pin's image
   */
  record UnansweredCreate(String kind, String boardId, String name, PinState pin, String sha256) {}

  final int number;
  final String prefix;
  final String token;
  private final ImageServer images;
  private final Random random;
  private final CrashTally tally;
  final Map<String, BoardEntry> boards = new LinkedHashMap<>();
  final Map<String, SectionEntry> sections = new LinkedHashMap<>();
  final Map<String, PinEntry> pins = new LinkedHashMap<>();
  final List<UnansweredCreate> unanswered = new ArrayList<>();
  private final List<String> livePins = new ArrayList<>();
  private int counter;

  CrashWriter(int number, String token, ImageServer images, long seed, CrashTally tally) {
    this.number = number;
    this.prefix = "w" + number + " ";
    this.token = token;
    this.images = images;
    this.random = new Random(seed);
    this.tally = tally;
  }

  /**
   * Writes until a request goes unanswered (the server died) or {@code maxWrites} were sent;
   * answers how many were acknowledged.
   */
  int writeUntilUnanswered(String baseUrl, int maxWrites) {
    Api api = Api.of(baseUrl).bearer(token).unvalidated();
    int acknowledged = 0;
    for (int i = 0; i < maxWrites; i++) {
      Outcome outcome = writeOne(api);
      if (outcome == Outcome.ACKNOWLEDGED) {
        acknowledged++;
      } else if (outcome == Outcome.UNANSWERED) {
        tally.unanswered.incrementAndGet();
        break;
      }
    }
    return acknowledged;
  }

  private enum Outcome {
    ACKNOWLEDGED,
    REFUSED,
    UNANSWERED
  }

  private Outcome writeOne(Api api) {
    int roll = random.nextInt(100);
    if (boards.isEmpty() || roll < 6 && boards.size() < MAX_BOARDS) {
      return createBoard(api);
    }
    BoardEntry board = pick(new ArrayList<>(boards.values()));
    if (roll < 12 && board.sections.size() < MAX_SECTIONS) {
      return createSection(api, board);
    }
    if (roll < 50 || livePins.isEmpty()) {
      return createPin(api, board, someSectionOf(board), roll >= 36);
    }
    PinEntry pin = pins.get(pick(livePins));
    if (roll < 60) {
      return savePin(api, pin, board, someSectionOf(board));
    }
    if (roll < 72) {
      List<BoardEntry> others =
          boards.values().stream().filter(b -> !b.id.equals(pin.state().boardId())).toList();
      if (others.isEmpty()) {
        return renamePin(api, pin);
      }
      BoardEntry other = pick(others);
      return movePin(api, pin, other, someSectionOf(other));
    }
    if (roll < 80) {
      return renamePin(api, pin);
    }
    if (roll < 85) {
      return describeBoard(api, board);
    }
    if (roll < 89 && !board.sections.isEmpty()) {
      return renameSection(api, sections.get(pick(board.sections)));
    }
    return deletePin(api, pin);
  }

  private Outcome createBoard(Api api) {
    String name = prefix + "b" + ++counter;
    String description = "d" + counter;
    return write(
        "create board",
        () -> api.post("/v5/boards", Map.of("name", name, "description", description)),
        201,
        r -> {
          BoardEntry entry = new BoardEntry(r.text("id"), name, description);
          entry.unverified = 1;
          boards.put(entry.id, entry);
        },
        () -> unanswered.add(new UnansweredCreate("board", "", name, null, "")),
        () -> {});
  }

  private Outcome createSection(Api api, BoardEntry board) {
    String name = "s" + ++counter;
    return write(
        "create section",
        () -> api.post("/v5/boards/" + board.id + "/sections", Map.of("name", name)),
        201,
        r -> {
          SectionEntry entry = new SectionEntry(r.text("id"), board.id, name);
          entry.unverified = 1;
          sections.put(entry.id, entry);
          board.sections.add(entry.id);
        },
        () -> unanswered.add(new UnansweredCreate("section", board.id, name, null, "")),
        () -> {});
  }

  private Outcome createPin(Api api, BoardEntry board, String sectionId, boolean fromUrl) {
    int n = ++counter;
    String title = prefix + "p" + n;
    byte[] png;
    Map<String, Object> source;
    if (fromUrl) {
      // Bytes of their own, so that each URL pin's image is fetched and processed by its own jobs.
      png = Images.png(40, 30, new Color(number * 31 + 1, n % 256, (n / 256) % 256));
      String url = images.serve("/w" + number + "-" + n + ".png", png);
      source = Map.of("source_type", "image_url", "url", url);
    } else {
      png = Images.png(16, 16, UPLOAD_COLORS.get(random.nextInt(UPLOAD_COLORS.size())));
      source = Pins.base64Source(png);
    }
    Map<String, Object> body = new HashMap<>();
    body.put("board_id", board.id);
    body.put("title", title);
    body.put("media_source", source);
    if (!sectionId.isEmpty()) {
      body.put("board_section_id", sectionId);
    }
    PinState state = new PinState(board.id, sectionId, title);
    String sha256 = sha256(png);
    return write(
        fromUrl ? "create pin from a URL" : "create pin",
        () -> api.post("/v5/pins", body),
        201,
        r -> addPin(r.text("id"), state, sha256),
        () -> unanswered.add(new UnansweredCreate("pin", board.id, "", state, sha256)),
        () -> {});
  }

  private Outcome savePin(Api api, PinEntry pin, BoardEntry board, String sectionId) {
    Map<String, Object> body = new HashMap<>();
    body.put("board_id", board.id);
    if (!sectionId.isEmpty()) {
      body.put("board_section_id", sectionId);
    }
    PinState state = new PinState(board.id, sectionId, pin.state().title());
    return write(
        "save pin",
        () -> api.post("/v5/pins/" + pin.id + "/save", body),
        201,
        r -> addPin(r.text("id"), state, pin.sha256),
        () -> unanswered.add(new UnansweredCreate("pin", board.id, "", state, pin.sha256)),
        () -> {});
  }

  private void addPin(String id, PinState state, String sha256) {
    PinEntry entry = new PinEntry(id, state, sha256);
    entry.unverified = 1;
    pins.put(id, entry);
    livePins.add(id);
  }

  private Outcome movePin(Api api, PinEntry pin, BoardEntry board, String sectionId) {
    Map<String, Object> body = new HashMap<>();
    body.put("board_id", board.id);
    if (!sectionId.isEmpty()) {
      body.put("board_section_id", sectionId);
    }
    return changePin(
        api, "move pin", pin, body, new PinState(board.id, sectionId, pin.state().title()));
  }

  private Outcome renamePin(Api api, PinEntry pin) {
    PinState now = pin.state();
    String title = prefix + "p" + ++counter;
    return changePin(
        api,
        "rename pin",
        pin,
        Map.of("title", title),
        new PinState(now.boardId(), now.sectionId(), title));
  }

  private Outcome changePin(
      Api api, String what, PinEntry pin, Map<String, Object> body, PinState after) {
    return write(
        what,
        () -> api.patch("/v5/pins/" + pin.id, body),
        200,
        r -> {
          pin.states.clear();
          pin.states.add(after);
          pin.unverified++;
        },
        () -> pin.states.add(after), // the old state stays possible too
        () -> {});
  }

  private Outcome describeBoard(Api api, BoardEntry board) {
    String description = "d" + ++counter;
    return write(
        "describe board",
        () -> api.patch("/v5/boards/" + board.id, Map.of("description", description)),
        200,
        r -> {
          board.descriptions.clear();
          board.descriptions.add(description);
          board.unverified++;
        },
        () -> board.descriptions.add(description),
        () -> {});
  }

  private Outcome renameSection(Api api, SectionEntry section) {
    String name = "s" + ++counter;
    return write(
        "rename section",
        () ->
            api.patch(
                "/v5/boards/" + section.boardId + "/sections/" + section.id, Map.of("name", name)),
        200,
        r -> {
          section.names.clear();
          section.names.add(name);
          section.unverified++;
        },
        () -> section.names.add(name),
        () -> {});
  }

  private Outcome deletePin(Api api, PinEntry pin) {
    livePins.remove(pin.id);
    return write(
        "delete pin",
        () -> api.delete("/v5/pins/" + pin.id),
        204,
        r -> {
          pin.existence = Existence.DELETED;
          pin.deletedSinceAudit = true;
          pin.unverified++;
        },
        () -> pin.existence = Existence.MAYBE_DELETED,
        () -> livePins.add(pin.id));
  }

  private interface Acknowledged {
    void apply(Api.Response response);
  }

  /**
   * Sends one write and applies its outcome to the ledger: acknowledged with the expected status;
   * unanswered when the connection failed or the server answered 5xx (which may or may not have
   * written; the test counts it), and the writer stops; refused otherwise, having written nothing.
   */
  private Outcome write(
      String what,
      Supplier<Api.Response> request,
      int status,
      Acknowledged acknowledged,
      Runnable unknown,
      Runnable refused) {
    Optional<Api.Response> answer = send(request);
    if (answer.isPresent() && answer.get().status() == status) {
      acknowledged.apply(answer.get());
      tally.acknowledged(what);
      return Outcome.ACKNOWLEDGED;
    }
    if (answer.isPresent()) {
      String said =
          prefix + what + " answered " + answer.get().status() + ": " + answer.get().body();
      if (answer.get().status() < 500) {
        refused.run();
        tally.found(tally.refusals, said);
        return Outcome.REFUSED;
      }
      tally.found(tally.serverErrors, said);
    }
    unknown.run();
    return Outcome.UNANSWERED;
  }

  /** The answer, or empty when the connection failed: the server died before answering. */
  private static Optional<Api.Response> send(Supplier<Api.Response> request) {
    try {
      return Optional.of(request.get());
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }

  private String someSectionOf(BoardEntry board) {
    if (board.sections.isEmpty() || random.nextBoolean()) {
      return "";
    }
    return pick(board.sections);
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** After an audit: pins that were deleted are no longer candidates; lists match the ledger. */
  void settled() {
    unanswered.clear();
    livePins.clear();
    for (Iterator<PinEntry> it = pins.values().iterator(); it.hasNext(); ) {
      PinEntry pin = it.next();
      pin.deletedSinceAudit = false;
      if (pin.existence == Existence.PRESENT) {
        livePins.add(pin.id);
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
