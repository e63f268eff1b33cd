package dev.corkboard.related;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The bipartite graph of pins (each the root of its save chain) and public boards, in compressed
 * sparse rows both ways over dense int indexes, with the edges added since it was built in a small
 * immutable delta beside it. A new delta replaces the old one whole, so a walk reads one snapshot.
 */
public final class PinGraph {

  private static final int[] NONE = new int[0];

  final long[] pinIds;
  final long[] boardIds;
  final int[] pinOffsets;
  final int[] pinBoards;
  final int[] boardOffsets;
  final int[] boardPins;

  /** Boards the entropy rule pruned, sorted: new pins on them stay out too. */
  private final long[] prunedBoards;

  final Delta delta;
  private final long buildNanos;

  PinGraph(
      long[] pinIds,
      long[] boardIds,
      int[] pinOffsets,
      int[] pinBoards,
      int[] boardOffsets,
      int[] boardPins,
      long[] prunedBoards,
      long buildNanos) {
    this(
        pinIds,
        boardIds,
        pinOffsets,
        pinBoards,
        boardOffsets,
        boardPins,
        prunedBoards,
        Delta.empty(pinIds.length, boardIds.length),
        buildNanos);
  }

  private PinGraph(
      long[] pinIds,
      long[] boardIds,
      int[] pinOffsets,
      int[] pinBoards,
      int[] boardOffsets,
      int[] boardPins,
      long[] prunedBoards,
      Delta delta,
      long buildNanos) {
    this.pinIds = pinIds;
    this.boardIds = boardIds;
    this.pinOffsets = pinOffsets;
    this.pinBoards = pinBoards;
    this.boardOffsets = boardOffsets;
    this.boardPins = boardPins;
    this.prunedBoards = prunedBoards;
    this.delta = delta;
    this.buildNanos = buildNanos;
  }

  /** A graph with no pins, boards or edges: what serves before the first build. */
  static PinGraph empty() {
    return new PinGraph(
        new long[0], new long[0], new int[1], NONE, new int[1], NONE, new long[0], 0);
  }

  /** This graph with the edges of {@code additions} (root pin id, board id pairs) added. */
  PinGraph with(long[] additions) {
    Delta next = delta.plus(this, additions, prunedBoards);
    return next == delta
        ? this
        : new PinGraph(
            pinIds,
            boardIds,
            pinOffsets,
            pinBoards,
            boardOffsets,
            boardPins,
            prunedBoards,
            next,
            buildNanos);
  }

  /** How many pin nodes, the delta's included. */
  public int pins() {
    return pinIds.length + delta.newPins.size();
  }

  /** How many board nodes, the delta's included. */
  public int boards() {
    return boardIds.length + delta.newBoards.size();
  }

  /** How many edges, the delta's included. */
  public long edges() {
    return pinBoards.length + delta.edges;
  }

  /** How many edges the delta holds. */
  public long deltaEdges() {
    return delta.edges;
  }

  /** How long the build took, in seconds. */
  public double buildSeconds() {
    return buildNanos / 1e9;
  }

  /** The bytes the base arrays take per edge (ids, offsets and both adjacency arrays). */
  public double bytesPerEdge() {
    long bytes =
        8L * pinIds.length
            + 8L * boardIds.length
            + 4L * (pinOffsets.length + boardOffsets.length)
            + 4L * (pinBoards.length + boardPins.length)
            + 8L * prunedBoards.length;
    return pinBoards.length == 0 ? 0 : (double) bytes / pinBoards.length;
  }

  /** The dense index of the pin node of root pin {@code pinId}, if it is in the graph. */
  public OptionalInt pinIndex(long pinId) {
    return indexOf(pinIds, delta.newPins, pinId);
  }

  /** The root pin id of the pin node {@code index}. */
  public long pinId(int index) {
    return index < pinIds.length ? pinIds[index] : delta.newPinIds[index - pinIds.length];
  }

  /** The board id of the board node {@code index}. */
  public long boardId(int index) {
    return index < boardIds.length ? boardIds[index] : delta.newBoardIds[index - boardIds.length];
  }

  /** The dense index of board {@code boardId}, if it is in the graph. */
  public OptionalInt boardIndex(long boardId) {
    return indexOf(boardIds, delta.newBoards, boardId);
  }

  /**
   * The index of {@code id} among the built {@code ids}, or among the nodes {@code added} since.
   */
  private static OptionalInt indexOf(long[] ids, Map<Long, Integer> added, long id) {
    int i = Arrays.binarySearch(ids, id);
    if (i >= 0) {
      return OptionalInt.of(i);
    }
    Integer index = added.get(id);
    return index == null ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** How many boards the pin node {@code pin} is on. */
  public int pinDegree(int pin) {
    int base = pin < pinIds.length ? pinOffsets[pin + 1] - pinOffsets[pin] : 0;
    return base + delta.pinExtra(pin).length;
  }

  /** The edges added since the build, by node; empty until the first new pin. */
  static final class Delta {
    final int basePins;
    final int baseBoards;
    final Map<Long, Integer> newPins;
    final Map<Long, Integer> newBoards;
    final long[] newPinIds;
    final long[] newBoardIds;
    final Map<Integer, int[]> pinExtras;
    final Map<Integer, int[]> boardExtras;

    /** Which base nodes have extras, one bit each: the walk looks at the maps only for those. */
    final long[] pinHasExtra;

    final long[] boardHasExtra;
    final long edges;

    private Delta(
        int basePins,
        int baseBoards,
        Map<Long, Integer> newPins,
        Map<Long, Integer> newBoards,
        long[] newPinIds,
        long[] newBoardIds,
        Map<Integer, int[]> pinExtras,
        Map<Integer, int[]> boardExtras,
        long[] pinHasExtra,
        long[] boardHasExtra,
        long edges) {
      this.basePins = basePins;
      this.baseBoards = baseBoards;
      this.newPins = newPins;
      this.newBoards = newBoards;
      this.newPinIds = newPinIds;
      this.newBoardIds = newBoardIds;
      this.pinExtras = pinExtras;
      this.boardExtras = boardExtras;
      this.pinHasExtra = pinHasExtra;
      this.boardHasExtra = boardHasExtra;
      this.edges = edges;
    }

    static Delta empty(int basePins, int baseBoards) {
      return new Delta(
          basePins,
          baseBoards,
          Map.of(),
          Map.of(),
          new long[0],
          new long[0],
          Map.of(),
          Map.of(),
          new long[(basePins >> 6) + 1],
          new long[(baseBoards >> 6) + 1],
          0);
    }

    /** The boards added to the pin node {@code pin} since the build. */
    int[] pinExtra(int pin) {
      if (pin < basePins && (pinHasExtra[pin >> 6] & (1L << pin)) == 0) {
        return NONE;
      }
      int[] extra = pinExtras.get(pin);
      return extra == null ? NONE : extra;
    }

    /** The pins added to the board node {@code board} since the build. */
    int[] boardExtra(int board) {
      if (board < baseBoards && (boardHasExtra[board >> 6] & (1L << board)) == 0) {
        return NONE;
      }
      int[] extra = boardExtras.get(board);
      return extra == null ? NONE : extra;
    }

    /**
     * A copy of this delta with the edges of {@code additions} (root pin id, board id pairs) added
     * but those to boards in {@code pruned}; copies are small since a rebuild empties the delta.
     */
    Delta plus(PinGraph graph, long[] additions, long[] pruned) {
      Side pins =
          new Side(graph.pinIds, newPins, newPinIds, additions.length / 2, pinHasExtra.clone());
      Side boards =
          new Side(
              graph.boardIds, newBoards, newBoardIds, additions.length / 2, boardHasExtra.clone());
      Map<Integer, int[]> pinMap = new HashMap<>(pinExtras);
      Map<Integer, int[]> boardMap = new HashMap<>(boardExtras);
      long added = 0;
      for (int i = 0; i + 1 < additions.length; i += 2) {
        if (Arrays.binarySearch(pruned, additions[i + 1]) >= 0) {
          continue;
        }
        int pin = pins.node(additions[i]);
        int board = boards.node(additions[i + 1]);
        pinMap.put(pin, append(pinMap.getOrDefault(pin, NONE), board));
        boardMap.put(board, append(boardMap.getOrDefault(board, NONE), pin));
        added++;
      }
      if (added == 0) {
        return this;
      }
      return new Delta(
          basePins,
          baseBoards,
          pins.known,
          boards.known,
          pins.added(),
          boards.added(),
          pinMap,
          boardMap,
          pins.bits,
          boards.bits,
          edges + added);
    }

    /** The nodes of one side (pins or boards) while a delta is copied with more edges. */
    private static final class Side {
      private final long[] baseIds;
      final Map<Long, Integer> known;
      private final long[] added;
      private int count;
      final long[] bits;

      Side(long[] baseIds, Map<Long, Integer> known, long[] added, int more, long[] bits) {
        this.baseIds = baseIds;
        this.known = new HashMap<>(known);
        this.added = Arrays.copyOf(added, added.length + more);
        this.count = added.length;
        this.bits = bits;
      }

      /** The node of {@code id}: a base node (marked as having extras), or a new one. */
      int node(long id) {
        int base = Arrays.binarySearch(baseIds, id);
        if (base >= 0) {
          bits[base >> 6] |= 1L << base;
          return base;
        }
        Integer node = known.get(id);
        if (node == null) {
          node = baseIds.length + count;
          known.put(id, node);
          added[count++] = id;
        }
        return node;
      }

      long[] added() {
        return Arrays.copyOf(added, count);
      }
    }

    private static int[] append(int[] values, int value) {
      int[] more = Arrays.copyOf(values, values.length + 1);
      more[values.length] = value;
      return more;
    }
  }
}
