package dev.corkboard.related;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link PinGraph} of the pins streamed to it board by board: every pin's save chain is
 * followed to its root, an edge joins the root to each public board a save of it is on, boards
 * whose pins' words are too diverse are left out (the entropy rule), and a pin on very many boards
 * keeps only its edges of the newest saves (the degree cap).
 *
 * <p>Pixie prunes boards by the entropy of their pins' topic distribution. Corkboard has no topic
 * model, so a pin's topic is the word of its title and description that most pins of the same board
 * share (a word no other pin of the board holds makes the pin a topic of its own), and a board
 * whose pins spread over more than {@code maxBoardEntropy} bits of such topics is dropped.
 */
public final class GraphBuilder {

  /**
   * How the graph is pruned.
   *
   * @param maxPinDegree the most boards a pin keeps (its newest saves)
   * @param maxBoardEntropy the most bits of topic entropy a board's pins may have
   * @param minPinsForEntropy boards with fewer pins are kept whatever their entropy
   */
  public record Pruning(int maxPinDegree, double maxBoardEntropy, int minPinsForEntropy) {
    public Pruning {
      if (maxPinDegree < 1) {
        throw new IllegalArgumentException("related pin degree cap must be at least 1");
      }
      if (!(maxBoardEntropy > 0)) {
        throw new IllegalArgumentException("related board entropy limit must be above 0");
      }
      if (minPinsForEntropy < 1) {
        throw new IllegalArgumentException("related entropy minimum must be at least 1 pin");
      }
    }

    /** 1,000 boards per pin, 4.0 bits per board judged from 10 pins on. */
    public static Pruning defaults() {
      return new Pruning(1_000, 4.0, 10);
    }
  }

  private final Pruning pruning;
  private final long start = System.nanoTime();

  // Every pin seen, for the save chains: id and parent (0 for none).
  private long[] rowIds;
  private long[] rowParents;
  private int rows;

  // The edges kept: the saving pin's row and the board's id.
  private int[] edgeRows;
  private long[] edgeBoards;
  private int edges;

  private final List<Long> pruned = new ArrayList<>();

  // The board being read.
  private long currentBoard = -1;
  private boolean currentPublic;
  private final List<Integer> boardRows = new ArrayList<>();
  private final List<Set<String>> boardWords = new ArrayList<>();

  /** A builder whose arrays start small and grow by doubling. */
  public GraphBuilder(Pruning pruning) {
    this(pruning, 0, 0);
  }

  /**
   * A builder whose arrays start sized for a little more than {@code expectedPins} pins and {@code
   * expectedEdges} edges (a previous build's), so that a rebuild beside the serving graph neither
   * copies its arrays while it doubles them nor holds up to twice the room it needs.
   */
  public GraphBuilder(Pruning pruning, int expectedPins, int expectedEdges) {
    this.pruning = pruning;
    int pins = room(expectedPins);
    int edgeRoom = room(expectedEdges);
    this.rowIds = new long[pins];
    this.rowParents = new long[pins];
    this.edgeRows = new int[edgeRoom];
    this.edgeBoards = new long[edgeRoom];
  }

  private static int room(int expected) {
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024L, expected + expected / 16L));
  }

  /**
   * Adds a pin; the pins of one board must come together.
   *
   * @param parentId the pin it was saved from, or 0
   * @param publicBoard whether its board is public (only those become edges)
   */
  public void pin(
      long pinId,
      long parentId,
      long boardId,
      boolean publicBoard,
      @Nullable String title,
      @Nullable String description) {
    if (boardId != currentBoard) {
      finishBoard();
      currentBoard = boardId;
      currentPublic = publicBoard;
    }
    if (rows == rowIds.length) {
      rowIds = Arrays.copyOf(rowIds, rows * 2);
      rowParents = Arrays.copyOf(rowParents, rows * 2);
    }
    rowIds[rows] = pinId;
    rowParents[rows] = parentId;
    if (publicBoard) {
      boardRows.add(rows);
      boardWords.add(words(title, description));
    }
    rows++;
  }

  /** How many pins were added. */
  public int pinsRead() {
    return rows;
  }

  /** How many edges were kept so far (the entropy rule applied, not yet the degree cap). */
  public int edgesRead() {
    return edges;
  }

  /** The ids of the pins added that are above {@code id}. */
  public long[] idsAbove(long id) {
    return Arrays.stream(rowIds, 0, rows).filter(pin -> pin > id).toArray();
  }

  /** How many boards the entropy rule dropped so far. */
  public int boardsPruned() {
    return pruned.size();
  }

  private void finishBoard() {
    if (currentBoard < 0 || boardRows.isEmpty()) {
      boardRows.clear();
      boardWords.clear();
      return;
    }
    if (currentPublic
        && boardRows.size() >= pruning.minPinsForEntropy()
        && topicEntropy(boardWords) > pruning.maxBoardEntropy()) {
      pruned.add(currentBoard);
    } else {
      for (int row : boardRows) {
        if (edges == edgeRows.length) {
          edgeRows = Arrays.copyOf(edgeRows, edges * 2);
          edgeBoards = Arrays.copyOf(edgeBoards, edges * 2);
        }
        edgeRows[edges] = row;
        edgeBoards[edges] = currentBoard;
        edges++;
      }
    }
    boardRows.clear();
    boardWords.clear();
  }

  /** Words too common to say what a pin is about. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "and", "for", "with", "from", "this", "that", "your", "you", "are", "was", "our",
          "not", "but", "all", "its", "how", "what", "new", "der", "die", "das", "und", "les",
          "des", "est", "une", "los", "las", "del", "por", "con", "para");

  /**
   * The words of a pin's text that may say what it is about: lower case letters and digits, three
   * characters or more, not digits alone, not {@link #STOP_WORDS}.
   */
  static Set<String> words(@Nullable String title, @Nullable String description) {
    Set<String> words = new HashSet<>();
    for (String text : new String[] {title, description}) {
      if (text == null) {
        continue;
      }
      for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        if (word.length() >= 3
            && !word.chars().allMatch(Character::isDigit)
            && !STOP_WORDS.contains(word)) {
          words.add(word);
        }
      }
    }
    return words;
  }

  /**
   * The entropy in bits of a board's pins over their topics: each pin's topic is its word that the
   * most pins of the board hold (the smallest such word on a tie), or the pin itself when no other
   * pin shares a word with it.
   */
  static double topicEntropy(List<Set<String>> pins) {
    Map<String, Integer> frequency = new HashMap<>();
    for (Set<String> words : pins) {
      for (String word : words) {
        frequency.merge(word, 1, Integer::sum);
      }
    }
    Map<String, Integer> topics = new HashMap<>();
    int singletons = 0;
    for (Set<String> words : pins) {
      String best = null;
      int bestCount = 1;
      for (String word : words) {
        int count = frequency.getOrDefault(word, 0);
        if (count > bestCount || (count == bestCount && best != null && word.compareTo(best) < 0)) {
          best = word;
          bestCount = count;
        }
      }
      if (best == null) {
        singletons++;
      } else {
        topics.merge(best, 1, Integer::sum);
      }
    }
    double n = pins.size();
    double bits = singletons * (Math.log(n) / Math.log(2)) / n;
    for (int count : topics.values()) {
      double p = count / n;
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits;
  }

  /** The graph of what was added. */
  public PinGraph build() {
    finishBoard();
    // Positions of the pins sorted by id, and each pin's parent as a position (-1 when gone).
    long[] sorted = Arrays.copyOf(rowIds, rows);
    Arrays.sort(sorted);
    int[] parentOf = new int[rows];
    for (int row = 0; row < rows; row++) {
      int position = Arrays.binarySearch(sorted, rowIds[row]);
      parentOf[position] =
          rowParents[row] == 0 ? -1 : Math.max(-1, Arrays.binarySearch(sorted, rowParents[row]));
    }
    // What is read no more is let go at once: at ten million pins the build's arrays, beside a
    // serving graph, come close to a one-gigabyte heap.
    rowParents = new long[0];
    int[] rootOf = new int[rows];
    Arrays.fill(rootOf, -1);
    for (int position = 0; position < rows; position++) {
      root(position, parentOf, rootOf);
    }
    // Edges as (root position, board id), the degree cap applied to roots on too many boards.
    int[] edgeRoot = new int[edges];
    int[] degree = new int[rows];
    for (int e = 0; e < edges; e++) {
      edgeRoot[e] = rootOf[Arrays.binarySearch(sorted, rowIds[edgeRows[e]])];
      degree[edgeRoot[e]]++;
    }
    boolean[] keep = capDegrees(edgeRoot, degree);
    edgeRows = new int[0];
    // Dense indexes: roots with an edge in id order, boards with an edge in id order.
    int[] pinIndexOf = new int[rows];
    int pinCount = 0;
    for (int position = 0; position < rows; position++) {
      pinIndexOf[position] = degree[position] > 0 ? pinCount++ : -1;
    }
    long[] pinIds = new long[pinCount];
    for (int position = 0; position < rows; position++) {
      if (pinIndexOf[position] >= 0) {
        pinIds[pinIndexOf[position]] = sorted[position];
      }
    }
    long[] boardIds = Arrays.stream(Arrays.copyOf(edgeBoards, edges)).sorted().distinct().toArray();
    int kept = 0;
    int[] ePin = new int[edges];
    int[] eBoard = new int[edges];
    for (int e = 0; e < edges; e++) {
      if (keep[e]) {
        ePin[kept] = pinIndexOf[edgeRoot[e]];
        eBoard[kept] = Arrays.binarySearch(boardIds, edgeBoards[e]);
        kept++;
      }
    }
    edgeBoards = new long[0];
    int[] pinOffsets = new int[pinCount + 1];
    int[] pinBoards = new int[kept];
    rows(ePin, eBoard, kept, pinOffsets, pinBoards);
    int[] boardOffsets = new int[boardIds.length + 1];
    int[] boardPins = new int[kept];
    rows(eBoard, ePin, kept, boardOffsets, boardPins);
    long[] prunedIds = pruned.stream().mapToLong(Long::longValue).sorted().toArray();
    return new PinGraph(
        pinIds,
        boardIds,
        pinOffsets,
        pinBoards,
        boardOffsets,
        boardPins,
        prunedIds,
        System.nanoTime() - start);
  }

  /** Follows a pin's save chain to the oldest pin still there, remembering every step's root. */
  private static int root(int position, int[] parentOf, int[] rootOf) {
    int at = position;
    int steps = 0;
    while (rootOf[at] < 0 && parentOf[at] >= 0 && parentOf[at] != at && steps++ < parentOf.length) {
      at = parentOf[at];
    }
    int root = rootOf[at] >= 0 ? rootOf[at] : at;
    for (int walk = position; rootOf[walk] < 0; ) {
      rootOf[walk] = root;
      if (walk == at) {
        break;
      }
      walk = parentOf[walk];
    }
    return root;
  }

  /**
   * Which edges stay: all of a root's while it is on at most the cap of boards, else the cap of its
   * newest saves (the highest pin ids); {@code degree} becomes the kept degree.
   */
  private boolean[] capDegrees(int[] edgeRoot, int[] degree) {
    boolean[] keep = new boolean[edges];
    Arrays.fill(keep, true);
    int cap = pruning.maxPinDegree();
    Map<Integer, List<Integer>> over = new HashMap<>();
    for (int e = 0; e < edges; e++) {
      if (degree[edgeRoot[e]] > cap) {
        over.computeIfAbsent(edgeRoot[e], r -> new ArrayList<>()).add(e);
      }
    }
    for (Map.Entry<Integer, List<Integer>> entry : over.entrySet()) {
      List<Integer> list = entry.getValue();
      list.sort((a, b) -> Long.compare(rowIds[edgeRows[b]], rowIds[edgeRows[a]]));
      for (int i = cap; i < list.size(); i++) {
        keep[list.get(i)] = false;
      }
      degree[entry.getKey()] = cap;
    }
    return keep;
  }

  /** Compressed sparse rows of the edges (from[i], to[i]) by {@code from}: a counting sort. */
  private static void rows(int[] from, int[] to, int count, int[] offsets, int[] targets) {
    for (int i = 0; i < count; i++) {
      offsets[from[i] + 1]++;
    }
    for (int i = 1; i < offsets.length; i++) {
      offsets[i] += offsets[i - 1];
    }
    int[] next = Arrays.copyOf(offsets, offsets.length - 1);
    for (int i = 0; i < count; i++) {
      targets[next[from[i]]++] = to[i];
    }
  }
}
