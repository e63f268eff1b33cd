package dev.corkboard.related;

import java.util.Arrays;

/**
 * Pixie's random walk with restarts on a {@link PinGraph}: from a query pin to a random board of
 * it, to a random pin of that board, counting the pin, and back to the query pin with the restart
 * probability after each step; a walk stops when its step budget is spent or once {@code topPins}
 * pins were visited {@code minVisits} times (early stopping). Walks from several query pins share
 * the budget in proportion to each pin's weight and degree, and their counts are combined with
 * multi-hit boosting, {@code (sum of sqrt(V_q))^2}, so pins many query pins reach rank first.
 *
 * <p>The walk draws from an inline xorshift64* generator seeded by the caller, so a seed gives the
 * same ranking, and allocates nothing per step: counts live in the {@link Scratch} of the walker
 * that runs it, reused walk after walk.
 */
public final class Walker {

  /** How many pins a ranking keeps: the pages of one list, and the default n_p. */
  public static final int RANKED = 500;

  /**
   * How a walk runs.
   *
   * @param steps the step budget of one request (all its query pins together)
   * @param restart the probability of going back to the query pin after a step
   * @param topPins the number of pins (n_p) whose visits stop the walk early...
   * @param minVisits ...once each was visited this often (n_v)
   */
  public record Settings(int steps, double restart, int topPins, int minVisits) {
    public Settings {
      if (steps < 1 || steps > 10_000_000) {
        throw new IllegalArgumentException("related step budget must be 1 to 10,000,000");
      }
      if (!(restart > 0 && restart < 1)) {
        throw new IllegalArgumentException("related restart probability must be between 0 and 1");
      }
      if (topPins < 1 || minVisits < 1) {
        throw new IllegalArgumentException("related early stopping needs n_p and n_v of 1 or more");
      }
    }

    /**
     * 100,000 steps, restart 0.5, stopping once 500 pins were visited 4 times: the paper's n_v, and
     * for n_p the {@value #RANKED} pins a ranking keeps rather than the paper's 2,000, since a walk
     * that has counted every pin it can answer four times has its list.
     */
    public static Settings defaults() {
      return new Settings(100_000, 0.5, RANKED, 4);
    }
  }

  private static final int[] NONE = new int[0];

  private final Settings settings;
  private final Scratch scratch;

  /** A walker with counting tables sized for the step budget; one walk at a time. */
  public Walker(Settings settings) {
    this.settings = settings;
    this.scratch = new Scratch(settings.steps());
  }

  /** What one walk found: the ranked root pin nodes and the board nodes it went through. */
  public record Result(int[] pins, int[] boardsVisited, long steps) {}

  /**
   * Walks from {@code queries} (pin nodes) with {@code weights} and answers at most {@code limit}
   * pin nodes, best first, leaving out {@code excluded} (sorted pin nodes) and never crossing
   * {@code blocked} (sorted board nodes).
   */
  public Result walk(
      PinGraph graph,
      int[] queries,
      double[] weights,
      long seed,
      int[] excluded,
      int[] blocked,
      int limit) {
    IntCounter visits = scratch.visits;
    BoardSet boards = scratch.boards(graph.boards());
    Scores scores = scratch.scores;
    scores.clear();
    long[] budgets = budgets(graph, queries, weights);
    long x = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    long threshold = restartThreshold(settings.restart());
    long total = 0;
    int[] pinOffsets = graph.pinOffsets;
    int[] pinBoards = graph.pinBoards;
    int[] boardOffsets = graph.boardOffsets;
    int[] boardPins = graph.boardPins;
    int basePins = graph.pinIds.length;
    int baseBoards = graph.boardIds.length;
    PinGraph.Delta delta = graph.delta;
    // A graph without added edges (most of the time, as a rebuild empties the delta) walks the
    // arrays alone, without asking the delta at every step.
    boolean hasDelta = delta.edges > 0;
    int topPins = settings.topPins();
    int minVisits = settings.minVisits();
    for (int q = 0; q < queries.length; q++) {
      long budget = budgets[q];
      if (budget == 0) {
        continue;
      }
      visits.clear();
      int query = queries[q];
      int high = 0;
      long steps = 0;
      int pin = query;
      while (steps < budget && high < topPins) {
        // pin -> board
        boolean built = !hasDelta || pin < basePins;
        int start = built ? pinOffsets[pin] : 0;
        int base = built ? pinOffsets[pin + 1] - start : 0;
        int[] extra = hasDelta ? delta.pinExtra(pin) : NONE;
        int degree = base + extra.length;
        if (degree == 0) {
          break; // Only a query pin can have no board: there is nowhere to walk.
        }
        x = xorshift(x);
        int r = below(x, degree);
        int board = r < base ? pinBoards[start + r] : extra[r - base];
        if (blocked.length > 0 && Arrays.binarySearch(blocked, board) >= 0) {
          steps++;
          pin = query;
          continue;
        }
        boards.add(board);
        // board -> pin
        built = !hasDelta || board < baseBoards;
        start = built ? boardOffsets[board] : 0;
        base = built ? boardOffsets[board + 1] - start : 0;
        extra = hasDelta ? delta.boardExtra(board) : NONE;
        x = xorshift(x);
        r = below(x, base + extra.length);
        int next = r < base ? boardPins[start + r] : extra[r - base];
        steps++;
        if (visits.increment(next) == minVisits) {
          high++;
        }
        // Restart or go on, as a select rather than a branch: it is a coin toss the branch
        // predictor would miss half the time.
        x = xorshift(x);
        pin = restarts(x, threshold) ? query : next;
      }
      total += steps;
      visits.each((node, count) -> scores.add(node, Math.sqrt(count)));
    }
    int[] ranked = scores.top(limit, queries, excluded);
    return new Result(ranked, boards.keys(), total);
  }

  /**
   * Each query pin's share of the step budget: Pixie's {@code N_q} in proportion to the pin's
   * weight times {@code degree * (C - log degree)}, C one more than the largest log degree, so a
   * pin on many boards gets more steps, but less than in proportion.
   */
  private long[] budgets(PinGraph graph, int[] queries, double[] weights) {
    double c = 0;
    for (int query : queries) {
      c = Math.max(c, Math.log(Math.max(1, graph.pinDegree(query))));
    }
    c += 1;
    double[] shares = new double[queries.length];
    double sum = 0;
    for (int q = 0; q < queries.length; q++) {
      int degree = graph.pinDegree(queries[q]);
      shares[q] = degree == 0 ? 0 : weights[q] * degree * (c - Math.log(degree));
      sum += shares[q];
    }
    long[] budgets = new long[queries.length];
    for (int q = 0; q < queries.length && sum > 0; q++) {
      budgets[q] = Math.round(settings.steps() * shares[q] / sum);
    }
    return budgets;
  }

  /**
   * The ceiling a walk's speed is measured against: {@code steps} pin-to-board-to-pin steps from
   * {@code start} over the same arrays with the same generator, going back to {@code start} after a
   * step with probability {@code restart} as a walk does (so it reads the arrays where a walk reads
   * them, around its query pin), without counting visits, early stopping, blocked boards or the
   * delta. Answers a checksum so the loop is not optimised away.
   */
  public static long plainLoop(PinGraph graph, int start, long steps, long seed, double restart) {
    int[] pinOffsets = graph.pinOffsets;
    int[] pinBoards = graph.pinBoards;
    int[] boardOffsets = graph.boardOffsets;
    int[] boardPins = graph.boardPins;
    long x = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    long threshold = restartThreshold(restart);
    int pin = start;
    long sum = 0;
    for (long i = 0; i < steps; i++) {
      x = xorshift(x);
      int board = pinBoards[pinOffsets[pin] + below(x, pinOffsets[pin + 1] - pinOffsets[pin])];
      x = xorshift(x);
      int next =
          boardPins[boardOffsets[board] + below(x, boardOffsets[board + 1] - boardOffsets[board])];
      sum += next;
      x = xorshift(x);
      pin = restarts(x, threshold) ? start : next;
    }
    return sum;
  }

  /** The draw below which a step restarts, for the probability {@code restart}. */
  private static long restartThreshold(double restart) {
    return (long) (restart * 4294967296.0);
  }

  /**
   * Whether the step whose generator state is {@code x} restarts: the high half of xorshift64*'s
   * output below {@code threshold} ({@link #restartThreshold}), the same draw for a walk and for
   * the plain loop that is its ceiling.
   */
  private static boolean restarts(long x, long threshold) {
    return ((x * 0x2545F4914F6CDD1DL) >>> 32) < threshold;
  }

  /** The next state of the xorshift64* generator after {@code x}. */
  private static long xorshift(long x) {
    x ^= x >>> 12;
    x ^= x << 25;
    return x ^ (x >>> 27);
  }

  /**
   * A draw below {@code bound} from the state {@code x}: the high half of xorshift64*'s output,
   * scaled by a multiply rather than a division.
   */
  private static int below(long x, int bound) {
    return (int) ((((x * 0x2545F4914F6CDD1DL) >>> 32) * bound) >>> 32);
  }

  /** The tables one walker reuses: visit counts, boards gone through, boosted scores. */
  private static final class Scratch {
    final IntCounter visits;
    final Scores scores;
    private BoardSet boards = new BoardSet(0);

    Scratch(int steps) {
      int capacity = Integer.highestOneBit(Math.max(16, steps) * 2) * 2;
      visits = new IntCounter(capacity);
      scores = new Scores(capacity);
    }

    /** An empty set for board nodes below {@code nodes}, grown when a graph has more. */
    BoardSet boards(int nodes) {
      if (boards.capacity() < nodes) {
        boards = new BoardSet(nodes + (nodes >> 3));
      } else {
        boards.clear();
      }
      return boards;
    }
  }

  /**
   * The board nodes a walk went through, one bit each: a step sets a bit in a table of a bit per
   * board (12 kB at 100,000 boards) that stays in the core's cache, where a counting table would
   * miss it; cleared word by word over the words a walk touched.
   */
  static final class BoardSet {
    private final long[] bits;
    private final int[] touched;
    private int size;

    BoardSet(int nodes) {
      bits = new long[(nodes >> 6) + 1];
      touched = new int[bits.length];
    }

    int capacity() {
      return bits.length << 6;
    }

    void add(int board) {
      int word = board >>> 6;
      long old = bits[word];
      if (old == 0) {
        touched[size++] = word;
      }
      bits[word] = old | (1L << board);
    }

    /** The boards held, in order. */
    int[] keys() {
      Arrays.sort(touched, 0, size);
      int count = 0;
      for (int i = 0; i < size; i++) {
        count += Long.bitCount(bits[touched[i]]);
      }
      int[] result = new int[count];
      int n = 0;
      for (int i = 0; i < size; i++) {
        int word = touched[i];
        for (long rest = bits[word]; rest != 0; rest &= rest - 1) {
          result[n++] = (word << 6) + Long.numberOfTrailingZeros(rest);
        }
      }
      return result;
    }

    void clear() {
      for (int i = 0; i < size; i++) {
        bits[touched[i]] = 0;
      }
      size = 0;
    }
  }

  /** The slots a counting table starts with: 64 kB of counts, enough for most walks. */
  private static final int INITIAL = 8192;

  /**
   * The slot of {@code stored} (a key plus one, so 0 marks a free slot) in the open-addressed table
   * {@code keys}: where it is, or the free slot where it goes.
   */
  private static int probe(int[] keys, int mask, int stored) {
    int slot = (stored * 0x9E3779B9) & mask;
    while (keys[slot] != stored && keys[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  /**
   * Counts of int keys in open addressing, each key beside its count in one array so an increment
   * reads one cache line; cleared in time proportional to what it holds. It starts small and
   * doubles when half full, up to the capacity it was made for: a walk visits a few thousand
   * distinct pins, and a table of their size stays in the core's cache where one sized for every
   * step would not.
   */
  static final class IntCounter {
    private final int limit;
    private int[] slots;
    private int[] used;
    private int mask;
    private int size;

    IntCounter(int capacity) {
      limit = capacity;
      allocate(Math.min(capacity, INITIAL));
    }

    private void allocate(int capacity) {
      slots = new int[capacity * 2];
      used = new int[capacity / 2];
      mask = capacity - 1;
    }

    /** Adds one to the count of {@code key} and answers the new count. */
    int increment(int key) {
      int stored = key + 1;
      int slot = (stored * 0x9E3779B9) & mask;
      int held;
      while ((held = slots[slot << 1]) != stored && held != 0) {
        slot = (slot + 1) & mask;
      }
      if (held == stored) {
        return ++slots[(slot << 1) + 1];
      }
      if (size == used.length) {
        if (mask + 1 >= limit) {
          return 0; // Full: a walk longer than the tables were sized for counts no further.
        }
        grow();
        return increment(key);
      }
      slots[slot << 1] = stored;
      slots[(slot << 1) + 1] = 1;
      used[size++] = slot;
      return 1;
    }

    private void grow() {
      int[] oldSlots = slots;
      int[] oldUsed = used;
      allocate((mask + 1) * 2);
      for (int i = 0; i < size; i++) {
        int stored = oldSlots[oldUsed[i] << 1];
        int slot = (stored * 0x9E3779B9) & mask;
        while (slots[slot << 1] != 0) {
          slot = (slot + 1) & mask;
        }
        slots[slot << 1] = stored;
        slots[(slot << 1) + 1] = oldSlots[(oldUsed[i] << 1) + 1];
        used[i] = slot;
      }
    }

    /** Visits every key with its count. */
    void each(KeyCount consumer) {
      for (int i = 0; i < size; i++) {
        consumer.accept(slots[used[i] << 1] - 1, slots[(used[i] << 1) + 1]);
      }
    }

    void clear() {
      for (int i = 0; i < size; i++) {
        slots[used[i] << 1] = 0;
        slots[(used[i] << 1) + 1] = 0;
      }
      size = 0;
    }
  }

  /** Receives a key and its count. */
  @FunctionalInterface
  interface KeyCount {
    void accept(int key, int count);
  }

  /**
   * Summed square roots of visit counts per pin in open addressing, and their top pins; grown like
   * {@link IntCounter}.
   */
  static final class Scores {
    private final int limit;
    private int[] keys;
    private double[] sums;
    private int[] used;
    private int mask;
    private int size;

    Scores(int capacity) {
      limit = capacity;
      allocate(Math.min(capacity, INITIAL));
    }

    private void allocate(int capacity) {
      keys = new int[capacity];
      sums = new double[capacity];
      used = new int[capacity / 2];
      mask = capacity - 1;
    }

    void add(int key, double value) {
      int stored = key + 1;
      int slot = probe(keys, mask, stored);
      if (keys[slot] == stored) {
        sums[slot] += value;
        return;
      }
      if (size == used.length) {
        if (mask + 1 >= limit) {
          return;
        }
        grow();
        slot = probe(keys, mask, stored);
      }
      keys[slot] = stored;
      sums[slot] = value;
      used[size++] = slot;
    }

    private void grow() {
      int[] oldKeys = keys;
      double[] oldSums = sums;
      int[] oldUsed = used;
      allocate((mask + 1) * 2);
      for (int i = 0; i < size; i++) {
        int slot = probe(keys, mask, oldKeys[oldUsed[i]]);
        keys[slot] = oldKeys[oldUsed[i]];
        sums[slot] = oldSums[oldUsed[i]];
        used[i] = slot;
      }
    }

    /**
     * The {@code limit} pins of the highest boosted score {@code (sum sqrt V)^2} (the order of the
     * sums), ties by the smaller node index (so by pin id) so a seed gives one order; the query
     * pins and {@code excluded} left out.
     */
    int[] top(int limit, int[] queries, int[] excluded) {
      // Scores are at least 1, so their float bits order like them; the low half orders ties.
      // The best `limit` are kept in a min-heap: most pins were visited once or twice and lose to
      // its smallest at one comparison, so this costs less than sorting all of them.
      long[] heap = new long[Math.max(0, Math.min(limit, size))];
      int n = 0;
      for (int i = 0; i < size; i++) {
        int pin = keys[used[i]] - 1;
        if (Arrays.binarySearch(excluded, pin) < 0 && !contains(queries, pin)) {
          long score = Float.floatToIntBits((float) sums[used[i]]);
          long packed = (score << 32) | (Integer.MAX_VALUE - pin);
          if (n < heap.length) {
            siftUp(heap, n++, packed);
          } else if (n > 0 && packed > heap[0]) {
            siftDown(heap, n, packed);
          }
        }
      }
      Arrays.sort(heap, 0, n);
      int[] result = new int[n];
      for (int i = 0; i < n; i++) {
        result[i] = Integer.MAX_VALUE - (int) (heap[n - 1 - i] & 0xFFFFFFFFL);
      }
      clear();
      return result;
    }

    /** Adds {@code value} at {@code at}, the end of the min-heap {@code heap}. */
    private static void siftUp(long[] heap, int at, long value) {
      while (at > 0) {
        int parent = (at - 1) >>> 1;
        if (heap[parent] <= value) {
          break;
        }
        heap[at] = heap[parent];
        at = parent;
      }
      heap[at] = value;
    }

    /** Puts {@code value} in place of the smallest of the min-heap {@code heap} of {@code n}. */
    private static void siftDown(long[] heap, int n, long value) {
      int at = 0;
      while (true) {
        int child = 2 * at + 1;
        if (child >= n) {
          break;
        }
        if (child + 1 < n && heap[child + 1] < heap[child]) {
          child++;
        }
        if (heap[child] >= value) {
          break;
        }
        heap[at] = heap[child];
        at = child;
      }
      heap[at] = value;
    }

    private static boolean contains(int[] values, int value) {
      for (int v : values) {
        if (v == value) {
          return true;
        }
      }
      return false;
    }

    void clear() {
      for (int i = 0; i < size; i++) {
        keys[used[i]] = 0;
        sums[used[i]] = 0;
      }
      size = 0;
    }
  }
}
