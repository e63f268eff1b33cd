package dev.corkboard.related;

import dev.corkboard.board.Board;
import dev.corkboard.board.BoardService;
import dev.corkboard.pin.PinService;
import dev.corkboard.pin.PinView;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.Ids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Use cases of related pins: the pins related to a pin and more ideas for a board, ranked by
 * Pixie's walks on this server's {@link RelatedGraph} and paged by a bookmark that carries the
 * walk's seed, so every page of one list comes from the same ranking.
 *
 * <p>Privacy is decided at query time. The graph holds only boards that were public when it was
 * built or when their pins were polled; after a walk, it checks which of the boards it went through
 * are not public now or are archived (the board feature keeps the set of such boards in memory,
 * emptied with the read caches on every server by each change of privacy or archive), and if any
 * are, the walk runs again without crossing them. So a board made secret stops contributing from
 * the next request on, on every server. The pins found are then read as the caller may see them
 * now, and a pin on a secret board is never answered, the caller's own included. The walk is not
 * biased by the caller: Corkboard keeps no language per account, and the query pins themselves are
 * the personalisation.
 *
 * <p>Walks run on the calling virtual thread, at most {@code walkers} at once (a semaphore), so
 * walks queue for the cores while other requests go on.
 */
public final class RelatedService {

  /** How many of a board's newest pins its ideas walk from. */
  static final int IDEA_QUERIES = 50;

  /** How many of a board's newest pins are left out of its ideas. */
  static final int ON_BOARD = 1_000;

  private final Database database;
  private final PinService pins;
  private final BoardService boards;
  private final Bookmarks bookmarks;
  private final RelatedGraph graph;
  private final Walker.Settings walk;
  private final Semaphore walking;
  private final ConcurrentLinkedQueue<Walker> walkers = new ConcurrentLinkedQueue<>();
  private final RelatedRepository repository = new RelatedRepository();

  public RelatedService(
      Database database,
      PinService pins,
      BoardService boards,
      Bookmarks bookmarks,
      RelatedGraph graph,
      Walker.Settings walk,
      int concurrency) {
    this.database = database;
    this.pins = pins;
    this.boards = boards;
    this.bookmarks = bookmarks;
    this.graph = graph;
    this.walk = walk;
    this.walking = new Semaphore(concurrency);
  }

  /**
   * The pins related to {@code pinId}, best first: never the pin itself or its saves, never a pin
   * on a secret board. 404 for a pin the caller may not see; an empty list until the graph is
   * built, or when nothing is related.
   */
  public Page<PinView> relatedPins(
      Principal caller, long pinId, OptionalLong seed, PageRequest page) {
    PinView pin = pins.pin(caller, pinId);
    String list = "related:" + pinId;
    long[] cursor = cursor(list, seed, page);
    if (!graph.ready()) {
      return Page.empty();
    }
    PinGraph current = graph.current();
    long root = pinId;
    if (pin.pin().parentPinId() != 0) {
      // A save: its node is its chain's original, one statement away.
      List<RelatedRepository.Rooted> rooted = repository.roots(database, List.of(pinId));
      if (rooted.isEmpty()) {
        return Page.empty();
      }
      root = rooted.getFirst().root();
    }
    OptionalInt query = current.pinIndex(root);
    if (query.isEmpty()) {
      return Page.empty();
    }
    int[] ranked =
        rank(current, new int[] {query.getAsInt()}, new double[] {1}, cursor[0], new int[0]);
    return page(caller, current, ranked, list, cursor, page);
  }

  /**
   * More ideas for the board {@code boardId}: walks from its newest pins (the newer, the more
   * steps), boosted where several reach the same pin, leaving out the pins already on it. 404 for a
   * board the caller may not see.
   */
  public Page<PinView> boardIdeas(
      Principal caller, long boardId, OptionalLong seed, PageRequest page) {
    Board board = boards.board(caller, boardId);
    String list = "ideas:" + board.id();
    long[] cursor = cursor(list, seed, page);
    if (!graph.ready()) {
      return Page.empty();
    }
    PinGraph current = graph.current();
    List<RelatedRepository.Rooted> onBoard =
        repository.onBoard(database, Ids.shardOf(boardId), boardId, ON_BOARD);
    Set<Integer> queries = new LinkedHashSet<>();
    List<Integer> excluded = new ArrayList<>();
    for (RelatedRepository.Rooted pin : onBoard) {
      OptionalInt node = current.pinIndex(pin.root());
      if (node.isPresent()) {
        excluded.add(node.getAsInt());
        if (queries.size() < IDEA_QUERIES) {
          queries.add(node.getAsInt());
        }
      }
    }
    if (queries.isEmpty()) {
      return Page.empty();
    }
    int[] nodes = queries.stream().mapToInt(Integer::intValue).toArray();
    double[] weights = new double[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      // The newest pin weighs 1, the tenth newest a half, the thirtieth a quarter.
      weights[i] = 10.0 / (10 + i);
    }
    int[] leftOut = excluded.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    int[] ranked = rank(current, nodes, weights, cursor[0], leftOut);
    return page(caller, current, ranked, list, cursor, page);
  }

  /** The seed and offset of the page asked for: from its bookmark, else from the request. */
  private long[] cursor(String list, OptionalLong seed, PageRequest page) {
    return bookmarks
        .decodeLongPair(list, page.bookmark())
        .orElseGet(
            () -> new long[] {seed.orElseGet(() -> ThreadLocalRandom.current().nextLong()), 0});
  }

  /**
   * Walks, then asks which of the boards walked through are not public now; when some are, walks
   * again with the same seed without crossing them.
   */
  private int[] rank(PinGraph current, int[] queries, double[] weights, long seed, int[] excluded) {
    Walker.Result result = walk(current, queries, weights, seed, excluded, new int[0]);
    long[] visited = new long[result.boardsVisited().length];
    for (int i = 0; i < visited.length; i++) {
      visited[i] = current.boardId(result.boardsVisited()[i]);
    }
    long[] hidden = hiddenAmong(visited);
    if (hidden.length == 0) {
      return result.pins();
    }
    int[] blocked = new int[hidden.length];
    for (int i = 0; i < hidden.length; i++) {
      blocked[i] = current.boardIndex(hidden[i]).orElse(-1);
    }
    Arrays.sort(blocked);
    return walk(current, queries, weights, seed, excluded, blocked).pins();
  }

  /** Which of the boards are not public now or are archived, as the board feature knows it. */
  private long[] hiddenAmong(long[] visited) {
    long[] all = boards.hiddenBoards();
    if (all.length == 0) {
      return all;
    }
    long[] found = new long[Math.min(all.length, visited.length)];
    int n = 0;
    for (long board : visited) {
      if (Arrays.binarySearch(all, board) >= 0) {
        found[n++] = board;
      }
    }
    return Arrays.copyOf(found, n);
  }

  private Walker.Result walk(
      PinGraph current, int[] queries, double[] weights, long seed, int[] excluded, int[] blocked) {
    try {
      if (!walking.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new ApiException.Unavailable("Too many related-pins walks at once; try again.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException.Unavailable("Interrupted while waiting to walk; try again.");
    }
    try {
      Walker walker = walkers.poll();
      if (walker == null) {
        walker = new Walker(walk);
      }
      try {
        return walker.walk(current, queries, weights, seed, excluded, blocked, Walker.RANKED);
      } finally {
        walkers.offer(walker);
      }
    } finally {
      walking.release();
    }
  }

  /** One page of a ranking, read as the caller sees the pins now; public pins only. */
  private Page<PinView> page(
      Principal caller,
      PinGraph current,
      int[] ranked,
      String list,
      long[] cursor,
      PageRequest page) {
    int from = (int) Math.min(Math.max(0, cursor[1]), ranked.length);
    int to = Math.min(ranked.length, from + page.size());
    List<Long> ids = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      ids.add(current.pinId(ranked[i]));
    }
    List<PinView> seen =
        pins.visiblePins(caller, ids).stream()
            .filter(v -> !v.pin().onSecretBoard() && !v.pin().onArchivedBoard())
            .toList();
    return new Page<>(
        seen,
        to < ranked.length
            ? java.util.Optional.of(bookmarks.encode(list, cursor[0] + ":" + to))
            : java.util.Optional.empty());
  }
}
