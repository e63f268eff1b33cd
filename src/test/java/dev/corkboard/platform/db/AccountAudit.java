package dev.corkboard.platform.db;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.db.CrashWriter.BoardEntry;
import dev.corkboard.platform.db.CrashWriter.Existence;
import dev.corkboard.platform.db.CrashWriter.PinEntry;
import dev.corkboard.platform.db.CrashWriter.PinState;
import dev.corkboard.platform.db.CrashWriter.SectionEntry;
import dev.corkboard.platform.db.CrashWriter.UnansweredCreate;
import dev.corkboard.support.Api;
import dev.corkboard.support.Waits;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Audits one account after a restart through the public API: reads all its boards, sections and
 * pins, checks every count the API shows against a recount of the listings, checks the ledger of
 * each of the account's writers against them (settling what unanswered writes did), and waits for
 * every pin's image to be processed, once.
 */
final class AccountAudit {

  private static final Set<String> VARIANTS = Set.of("150x150", "400x300", "600x", "1200x");
  private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(45);

  private final Api api;
  private final List<CrashWriter> writers;
  private final CrashTally tally;
  private final String label;

  /**
   * An audit of the account the writers share; {@code validating} validates every answer it reads
   * against the specs, which costs CPU a loaded two-core machine lacks, so only the last audit
   * does.
   */
  AccountAudit(
      String baseUrl,
      List<CrashWriter> writers,
      CrashTally tally,
      String label,
      boolean validating) {
    Api owner = Api.of(baseUrl).bearer(writers.getFirst().token);
    this.api = validating ? owner : owner.unvalidated();
    this.writers = writers;
    this.tally = tally;
    this.label = label + ": ";
  }

  /** Everything the account has, as its listings show it. */
  private record Listing(
      JsonNode account,
      Map<String, JsonNode> boards,
      Map<String, List<JsonNode>> boardPins,
      Map<String, List<JsonNode>> sections,
      Map<String, List<JsonNode>> sectionPins,
      Map<String, JsonNode> pins) {}

  /** Runs the whole audit; what it finds goes to the tally. */
  void run() {
    Listing listing = read();
    checkCounts(listing);
    for (CrashWriter writer : writers) {
      reconcile(writer, listing);
    }
    checkMedia();
    writers.forEach(CrashWriter::settled);
  }

  private Listing read() {
    Api.Response account = api.get("/v5/user_account");
    require(account, "the account");
    Map<String, JsonNode> boards = byId(all("/v5/boards"), "boards");
    Map<String, List<JsonNode>> boardPins = new HashMap<>();
    Map<String, List<JsonNode>> sections = new HashMap<>();
    Map<String, List<JsonNode>> sectionPins = new HashMap<>();
    for (String board : boards.keySet()) {
      boardPins.put(board, all("/v5/boards/" + board + "/pins"));
      List<JsonNode> listed = all("/v5/boards/" + board + "/sections");
      sections.put(board, listed);
      for (JsonNode section : listed) {
        String id = section.path("id").asText();
        sectionPins.put(id, all("/v5/boards/" + board + "/sections/" + id + "/pins"));
      }
    }
    Map<String, JsonNode> pins = byId(all("/v5/pins"), "pins");
    return new Listing(account.json(), boards, boardPins, sections, sectionPins, pins);
  }

  /** The counts the API shows against what the listings hold. */
  private void checkCounts(Listing listing) {
    mustEqual(
        "board_count", listing.account().path("board_count").asInt(), listing.boards().size());
    mustEqual("pin_count", listing.account().path("pin_count").asInt(), listing.pins().size());
    int onBoards = 0;
    for (Map.Entry<String, JsonNode> board : listing.boards().entrySet()) {
      List<JsonNode> pins = listing.boardPins().get(board.getKey());
      onBoards += pins.size();
      mustEqual(
          "pin_count of board " + board.getKey(),
          board.getValue().path("pin_count").asInt(),
          pins.size());
      Set<String> ids = new HashSet<>();
      for (JsonNode pin : pins) {
        String id = pin.path("id").asText();
        JsonNode listed = listing.pins().get(id);
        if (!ids.add(id)
            || listed == null
            || !board.getKey().equals(listed.path("board_id").asText())) {
          tally.found(
              tally.countMismatches,
              label + "board " + board.getKey() + " lists pin " + id + " that is not (only) its");
        }
      }
      for (JsonNode section : listing.sections().get(board.getKey())) {
        String sectionId = section.path("id").asText();
        Set<String> listed = idsOf(listing.sectionPins().get(sectionId));
        Set<String> expected = new TreeSet<>();
        listing.pins().values().stream()
            .filter(p -> sectionId.equals(PinState.of(p).sectionId()))
            .forEach(p -> expected.add(p.path("id").asText()));
        if (!listed.equals(expected)) {
          tally.found(
              tally.countMismatches,
              label + "section " + sectionId + " lists " + listed + ", its pins are " + expected);
        }
      }
    }
    mustEqual("pins on the boards", onBoards, listing.pins().size());
  }

  private void mustEqual(String what, int shown, int counted) {
    if (shown != counted) {
      tally.found(
          tally.countMismatches, label + what + " is " + shown + ", the listing has " + counted);
    }
  }

  /** Checks a writer's ledger against the listing and settles its unanswered writes. */
  private void reconcile(CrashWriter writer, Listing listing) {
    String who = label + writer.prefix;
    List<UnansweredCreate> unanswered = new ArrayList<>(writer.unanswered);
    reconcileBoards(writer, listing, unanswered, who);
    reconcileSections(writer, listing, unanswered, who);
    reconcilePins(writer, listing, unanswered, who);
  }

  private void reconcileBoards(
      CrashWriter writer, Listing listing, List<UnansweredCreate> unanswered, String who) {
    for (Iterator<BoardEntry> it = writer.boards.values().iterator(); it.hasNext(); ) {
      BoardEntry board = it.next();
      JsonNode listed = listing.boards().get(board.id);
      if (listed == null) {
        tally.lost(Math.max(1, board.unverified), who + "board " + board.id + " is gone");
        it.remove();
        continue;
      }
      String description = listed.path("description").asText();
      settle(
          board.unverified,
          board.descriptions.contains(description)
              && board.name.equals(listed.path("name").asText()),
          who
              + "board "
              + board.id
              + " shows "
              + listed.path("name").asText()
              + "/"
              + description
              + ", expected "
              + board.name
              + "/"
              + board.descriptions);
      board.descriptions.clear();
      board.descriptions.add(description);
      board.unverified = 0;
    }
    for (JsonNode listed : listing.boards().values()) {
      String id = listed.path("id").asText();
      String name = listed.path("name").asText();
      if (!name.startsWith(writer.prefix) || writer.boards.containsKey(id)) {
        continue;
      }
      Optional<UnansweredCreate> create =
          take(unanswered, u -> u.kind().equals("board") && u.name().equals(name));
      if (create.isPresent()) {
        writer.boards.put(id, new BoardEntry(id, name, listed.path("description").asText()));
      } else {
        tally.found(
            tally.unexpectedObjects, who + "board " + id + " (" + name + ") was never made");
      }
    }
  }

  private void reconcileSections(
      CrashWriter writer, Listing listing, List<UnansweredCreate> unanswered, String who) {
    for (Iterator<SectionEntry> it = writer.sections.values().iterator(); it.hasNext(); ) {
      SectionEntry section = it.next();
      Optional<JsonNode> listed =
          listing.sections().getOrDefault(section.boardId, List.of()).stream()
              .filter(s -> s.path("id").asText().equals(section.id))
              .findFirst();
      if (listed.isEmpty()) {
        tally.lost(Math.max(1, section.unverified), who + "section " + section.id + " is gone");
        it.remove();
        writer.boards.get(section.boardId).sections.remove(section.id);
        continue;
      }
      String name = listed.get().path("name").asText();
      settle(
          section.unverified,
          section.names.contains(name),
          who + "section " + section.id + " is named " + name + ", expected " + section.names);
      section.names.clear();
      section.names.add(name);
      section.unverified = 0;
    }
    for (BoardEntry board : writer.boards.values()) {
      for (JsonNode listed : listing.sections().getOrDefault(board.id, List.of())) {
        String id = listed.path("id").asText();
        String name = listed.path("name").asText();
        if (writer.sections.containsKey(id)) {
          continue;
        }
        Optional<UnansweredCreate> create =
            take(
                unanswered,
                u ->
                    u.kind().equals("section")
                        && u.boardId().equals(board.id)
                        && u.name().equals(name));
        if (create.isPresent()) {
          writer.sections.put(id, new SectionEntry(id, board.id, name));
          board.sections.add(id);
        } else {
          tally.found(
              tally.unexpectedObjects, who + "section " + id + " (" + name + ") was never made");
        }
      }
    }
  }

  private void reconcilePins(
      CrashWriter writer, Listing listing, List<UnansweredCreate> unanswered, String who) {
    for (PinEntry pin : writer.pins.values()) {
      JsonNode listed = listing.pins().get(pin.id);
      switch (pin.existence) {
        case PRESENT -> {
          if (listed == null) {
            tally.lost(Math.max(1, pin.unverified), who + "pin " + pin.id + " is gone");
            pin.existence = Existence.DELETED;
          } else {
            checkPin(pin, listed, who);
          }
        }
        case MAYBE_DELETED -> {
          if (listed == null) {
            pin.existence = Existence.DELETED;
            settle(pin.unverified, true, "");
          } else {
            pin.existence = Existence.PRESENT;
            checkPin(pin, listed, who);
          }
        }
        case DELETED -> {
          if (listed != null) {
            tally.lost(Math.max(1, pin.unverified), who + "deleted pin " + pin.id + " is back");
          } else if (pin.deletedSinceAudit && api.get("/v5/pins/" + pin.id).status() != 404) {
            tally.lost(Math.max(1, pin.unverified), who + "deleted pin " + pin.id + " answers");
          } else {
            settle(pin.unverified, true, "");
          }
        }
      }
      pin.unverified = 0;
    }
    for (JsonNode listed : listing.pins().values()) {
      String id = listed.path("id").asText();
      PinState state = PinState.of(listed);
      if (!writer.boards.containsKey(state.boardId()) || writer.pins.containsKey(id)) {
        continue;
      }
      Optional<UnansweredCreate> create =
          take(unanswered, u -> u.kind().equals("pin") && state.equals(u.pin()));
      if (create.isPresent()) {
        writer.pins.put(id, new PinEntry(id, state, create.get().sha256()));
      } else {
        tally.found(tally.unexpectedObjects, who + "pin " + id + " " + state + " was never made");
      }
    }
  }

  private void checkPin(PinEntry pin, JsonNode listed, String who) {
    PinState state = PinState.of(listed);
    settle(
        pin.unverified,
        pin.states.contains(state),
        who + "pin " + pin.id + " is " + state + ", expected one of " + pin.states);
    pin.states.clear();
    pin.states.add(state);
  }

  /** Counts the writes since the last audit as verified, or as lost when {@code held} is false. */
  private void settle(int writes, boolean held, String otherwise) {
    if (held) {
      tally.verified.addAndGet(writes);
    } else {
      tally.lost(Math.max(1, writes), otherwise);
    }
  }

  /**
   * Waits until no pin's image is processing, then checks that each is ready with one set of the
   * four variants, made from the pin's own bytes.
   */
  private void checkMedia() {
    long deadline = System.nanoTime() + MEDIA_TIMEOUT.toNanos();
    List<JsonNode> pins = all("/v5/pins");
    while (pins.stream().anyMatch(p -> mediaState(p).equals("processing"))
        && System.nanoTime() < deadline) {
      Waits.sleep(200);
      pins = all("/v5/pins");
    }
    Map<String, PinEntry> ledger = new HashMap<>();
    writers.forEach(w -> ledger.putAll(w.pins));
    for (JsonNode pin : pins) {
      String id = pin.path("id").asText();
      PinEntry entry = ledger.get(id);
      if (entry == null) {
        continue; // counted as an unexpected object already
      }
      if (!mediaState(pin).equals("ready")) {
        tally.found(tally.jobsLost, label + "pin " + id + " media " + pin.path("media_status"));
        continue;
      }
      JsonNode images = pin.path("media").path("images");
      Set<String> keys = new TreeSet<>();
      images.fieldNames().forEachRemaining(keys::add);
      boolean ownImage = true;
      for (JsonNode image : images) {
        ownImage &= image.path("url").asText().contains("/media/" + entry.sha256 + "/");
      }
      if (!keys.equals(VARIANTS) || !ownImage) {
        tally.found(
            tally.jobsDuplicated,
            label + "pin " + id + " shows " + images + ", expected one set of " + entry.sha256);
      } else if (!entry.mediaServed) {
        String url = images.path("150x150").path("url").asText();
        Api.Response served = api.get(URI.create(url).getPath());
        if (served.status() != 200 || !"image/jpeg".equals(served.contentType())) {
          tally.found(tally.jobsLost, label + "pin " + id + " variant answers " + served.status());
        }
        entry.mediaServed = true;
      }
    }
  }

  private static String mediaState(JsonNode pin) {
    return pin.path("media_status").path("state").asText();
  }

  /** Every item of a list, page after page. */
  private List<JsonNode> all(String path) {
    List<JsonNode> items = new ArrayList<>();
    String bookmark = null;
    for (int page = 0; page < 1_000; page++) {
      String url =
          path
              + "?page_size=250"
              + (bookmark == null
                  ? ""
                  : "&bookmark=" + URLEncoder.encode(bookmark, StandardCharsets.UTF_8));
      Api.Response answer = api.get(url);
      require(answer, path);
      answer.json().path("items").forEach(items::add);
      JsonNode next = answer.json().path("bookmark");
      if (next.isNull() || next.isMissingNode() || next.asText().isEmpty()) {
        return items;
      }
      bookmark = next.asText();
    }
    throw new AssertionError(path + " has more than 1,000 pages");
  }

  private void require(Api.Response answer, String what) {
    if (answer.status() != 200) {
      if (answer.status() >= 500) {
        tally.serverErrors.incrementAndGet();
      }
      throw new AssertionError(
          label + "reading " + what + " answered " + answer.status() + ": " + answer.body());
    }
  }

  private Map<String, JsonNode> byId(List<JsonNode> items, String what) {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode item : items) {
      if (byId.put(item.path("id").asText(), item) != null) {
        tally.found(tally.countMismatches, label + what + " list " + item.path("id") + " twice");
      }
    }
    return byId;
  }

  private static Set<String> idsOf(List<JsonNode> items) {
    Set<String> ids = new TreeSet<>();
    items.forEach(i -> ids.add(i.path("id").asText()));
    return ids;
  }

  private static Optional<UnansweredCreate> take(
      List<UnansweredCreate> unanswered, java.util.function.Predicate<UnansweredCreate> match) {
    for (Iterator<UnansweredCreate> it = unanswered.iterator(); it.hasNext(); ) {
      UnansweredCreate create = it.next();
      if (match.test(create)) {
        it.remove();
        return Optional.of(create);
      }
    }
    return Optional.empty();
  }
}
