package dev.corkboard.related;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WalkerTest {

  private static final String[] TOPICS = {"ocean", "forest", "desert", "city"};
  private static final int PINS_PER_TOPIC = 200;
  private static final int BOARDS_PER_TOPIC = 120;
  private static final int PINS_PER_BOARD = 20;
  private static final double NOISE = 0.05;

  /** Root pin ids are 1..; saves and boards get ids far above them. */
  private static long root(int topic, int i) {
    return 1 + topic * PINS_PER_TOPIC + i;
  }

  private static int topicOf(long rootId) {
    return (int) ((rootId - 1) / PINS_PER_TOPIC);
  }

  /**
   * Four planted communities: each topic's pins live on one secret board (no edges), and public
   * boards of a topic hold saves of that topic's pins, a twentieth of them from other topics. Mixed
   * boards whose pins come from every topic are added as well, for the entropy rule.
   */
  private static GraphBuilder planted(long seed, int mixedBoards) {
    return planted(new GraphBuilder(GraphBuilder.Pruning.defaults()), seed, mixedBoards);
  }

  private static GraphBuilder planted(GraphBuilder builder, long seed, int mixedBoards) {
    SplittableRandom random = new SplittableRandom(seed);
    long nextId = 1_000_000;
    for (int t = 0; t < TOPICS.length; t++) {
      for (int i = 0; i < PINS_PER_TOPIC; i++) {
        builder.pin(root(t, i), 0, 10 + t, false, TOPICS[t] + " picture " + i, null);
      }
    }
    long board = 1_000;
    for (int t = 0; t < TOPICS.length; t++) {
      for (int b = 0; b < BOARDS_PER_TOPIC; b++) {
        board++;
        for (int k = 0; k < PINS_PER_BOARD; k++) {
          int topic = random.nextDouble() < NOISE ? random.nextInt(TOPICS.length) : t;
          int pin = random.nextInt(PINS_PER_TOPIC);
          builder.pin(nextId++, root(topic, pin), board, true, TOPICS[topic] + " " + pin, null);
        }
      }
    }
    for (int b = 0; b < mixedBoards; b++) {
      board++;
      for (int k = 0; k < PINS_PER_BOARD; k++) {
        int topic = random.nextInt(TOPICS.length);
        int pin = random.nextInt(PINS_PER_TOPIC);
        builder.pin(nextId, root(topic, pin), board, true, "zq" + nextId, null);
        nextId++;
      }
    }
    return builder;
  }

  private static long[] related(PinGraph graph, long rootId, long seed, int limit) {
    Walker walker = new Walker(Walker.Settings.defaults());
    int query = graph.pinIndex(rootId).orElseThrow();
    Walker.Result result =
        walker.walk(
            graph, new int[] {query}, new double[] {1}, seed, new int[0], new int[0], limit);
    long[] ids = new long[result.pins().length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = graph.pinId(result.pins()[i]);
    }
    return ids;
  }

  @Test
  void relatedPinsComeFromTheQueryPinsCommunity() {
    PinGraph graph = planted(7, 0).build();
    int same = 0;
    int total = 0;
    SplittableRandom pick = new SplittableRandom(11);
    for (int q = 0; q < 40; q++) {
      int topic = q % TOPICS.length;
      long query = root(topic, pick.nextInt(PINS_PER_TOPIC));
      if (graph.pinIndex(query).isEmpty()) {
        continue;
      }
      long[] top = related(graph, query, q, 20);
      assertThat(top).hasSize(20).doesNotContain(query);
      for (long pin : top) {
        total++;
        if (topicOf(pin) == topic) {
          same++;
        }
      }
    }
    assertThat(total).isGreaterThanOrEqualTo(20 * 30);
    assertThat((double) same / total).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void aBuilderSizedByAPreviousBuildBuildsTheSameGraph() {
    GraphBuilder first = planted(7, 30);
    PinGraph grown = first.build();
    GraphBuilder sized =
        planted(
            new GraphBuilder(GraphBuilder.Pruning.defaults(), first.pinsRead(), first.edgesRead()),
            7,
            30);
    PinGraph built = sized.build();
    assertThat(built.pinIds).isEqualTo(grown.pinIds);
    assertThat(built.boardIds).isEqualTo(grown.boardIds);
    assertThat(built.pinOffsets).isEqualTo(grown.pinOffsets);
    assertThat(built.pinBoards).isEqualTo(grown.pinBoards);
    assertThat(built.boardOffsets).isEqualTo(grown.boardOffsets);
    assertThat(built.boardPins).isEqualTo(grown.boardPins);
    // Smaller than the previous build's room too: the arrays grow as before.
    assertThat(
            planted(new GraphBuilder(GraphBuilder.Pruning.defaults(), 10, 10), 7, 30)
                .build()
                .boardPins)
        .isEqualTo(grown.boardPins);
  }

  @Test
  void theEntropyRuleDropsBoardsWhosePinsShareNoTopic() {
    GraphBuilder builder = planted(7, 30);
    PinGraph graph = builder.build();
    assertThat(builder.boardsPruned()).isEqualTo(30);
    assertThat(graph.boards()).isEqualTo(TOPICS.length * BOARDS_PER_TOPIC);
  }

  @Test
  void topicEntropyIsZeroForOneTopicAndTwoBitsForFourEvenTopics() {
    List<java.util.Set<String>> one = new ArrayList<>();
    List<java.util.Set<String>> four = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      one.add(GraphBuilder.words("ocean wave " + i, "blue x" + i));
      four.add(GraphBuilder.words(TOPICS[i % 4] + " unique" + i, null));
    }
    assertThat(GraphBuilder.topicEntropy(one)).isZero();
    assertThat(GraphBuilder.topicEntropy(four))
        .isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theDegreeCapKeepsAPinsNewestSaves() {
    GraphBuilder builder = new GraphBuilder(new GraphBuilder.Pruning(3, 4.0, 10));
    builder.pin(1, 0, 100, false, null, null);
    for (int b = 0; b < 6; b++) {
      builder.pin(10 + b, 1, 200 + b, true, null, null);
      builder.pin(50 + b, 0, 200 + b, true, null, null);
    }
    PinGraph graph = builder.build();
    int pin = graph.pinIndex(1).orElseThrow();
    assertThat(graph.pinDegree(pin)).isEqualTo(3);
    int first = graph.pinOffsets[pin];
    List<Long> boards = new ArrayList<>();
    for (int e = first; e < first + 3; e++) {
      boards.add(graph.boardId(graph.pinBoards[e]));
    }
    assertThat(boards).containsExactlyInAnyOrder(203L, 204L, 205L);
  }

  @Test
  void boostingRanksAPinSeveralQueryPinsReachFirst() {
    // A is with Y on two boards and with X on one; B likewise with Z and X. Summed visits rank Y
    // or Z first; boosted, X (reached from both) ranks first.
    GraphBuilder builder = new GraphBuilder(GraphBuilder.Pruning.defaults());
    long a = 1;
    long b = 2;
    long x = 3;
    long y = 4;
    long z = 5;
    long id = 100;
    long[][] boards = {{a, x, y}, {a, y}, {b, x, z}, {b, z}};
    for (int i = 0; i < boards.length; i++) {
      for (long pin : boards[i]) {
        builder.pin(id++, pin, 1_000 + i, true, null, null);
      }
    }
    for (long pin = 1; pin <= 5; pin++) {
      builder.pin(pin, 0, 999, false, null, null);
    }
    PinGraph graph = builder.build();
    Walker walker = new Walker(Walker.Settings.defaults());
    int[] queries = {graph.pinIndex(a).orElseThrow(), graph.pinIndex(b).orElseThrow()};
    Walker.Result result =
        walker.walk(graph, queries, new double[] {1, 1}, 42, new int[0], new int[0], 10);
    assertThat(graph.pinId(result.pins()[0])).isEqualTo(x);
    assertThat(result.pins()).hasSize(3);
  }

  @Test
  void aSeedGivesTheSameRankingAndOtherSeedsAnother() {
    PinGraph graph = planted(3, 0).build();
    long query = root(1, 5);
    assertThat(related(graph, query, 99, 50)).containsExactly(related(graph, query, 99, 50));
    assertThat(related(graph, query, 100, 50)).isNotEqualTo(related(graph, query, 99, 50));
  }

  @Test
  void aBlockedBoardIsNeverCrossed() {
    GraphBuilder builder = new GraphBuilder(GraphBuilder.Pruning.defaults());
    builder.pin(1, 0, 999, false, null, null);
    builder.pin(2, 0, 999, false, null, null);
    builder.pin(3, 0, 999, false, null, null);
    builder.pin(10, 1, 1_000, true, null, null);
    builder.pin(11, 2, 1_000, true, null, null);
    builder.pin(12, 1, 1_001, true, null, null);
    builder.pin(13, 3, 1_001, true, null, null);
    PinGraph graph = builder.build();
    int query = graph.pinIndex(1).orElseThrow();
    int[] blocked = {graph.boardIndex(1_000).orElseThrow()};
    Walker.Result result =
        new Walker(Walker.Settings.defaults())
            .walk(graph, new int[] {query}, new double[] {1}, 5, new int[0], blocked, 10);
    assertThat(result.pins()).containsExactly(graph.pinIndex(3).orElseThrow());
  }

  @Test
  void edgesAddedToTheDeltaAreWalked() {
    PinGraph graph = planted(5, 0).build();
    long fresh = 9_999_999;
    long board = 1_001; // the first board of topic 0
    PinGraph updated = graph.with(new long[] {fresh, board, fresh, 77_777});
    assertThat(updated.pins()).isEqualTo(graph.pins() + 1);
    assertThat(updated.boards()).isEqualTo(graph.boards() + 1);
    assertThat(updated.deltaEdges()).isEqualTo(2);
    long[] top = related(updated, fresh, 1, 500);
    assertThat(top).isNotEmpty();
    assertThat(topicOf(top[0])).isZero();
  }

  @Test
  void thePlainLoopWalksTheSameArraysAndRestartsAsAWalkDoes() {
    PinGraph graph = planted(5, 0).build();
    double restart = Walker.Settings.defaults().restart();
    assertThat(Walker.plainLoop(graph, 0, 1_000, 3, restart))
        .isEqualTo(Walker.plainLoop(graph, 0, 1_000, 3, restart));
    // It goes back to where it started as a walk does, so it reads the arrays where a walk reads.
    assertThat(Walker.plainLoop(graph, 0, 1_000, 3, restart))
        .isNotEqualTo(Walker.plainLoop(graph, 0, 1_000, 3, 0));
  }

  @Test
  void countingTablesGrowPastTheirFirstSizeAndKeepEveryCount() {
    Walker.IntCounter counter = new Walker.IntCounter(1 << 16);
    for (int round = 1; round <= 3; round++) {
      for (int key = 0; key < 20_000; key++) {
        assertThat(counter.increment(key * 7)).isEqualTo(round);
      }
    }
    long[] seen = new long[2];
    counter.each(
        (key, count) -> {
          seen[0]++;
          seen[1] += count;
        });
    assertThat(seen).containsExactly(20_000, 60_000);
  }

  @Test
  void aFullCountingTableCountsNoFurther() {
    Walker.IntCounter counter = new Walker.IntCounter(64);
    for (int key = 0; key < 32; key++) {
      assertThat(counter.increment(key)).isEqualTo(1);
    }
    assertThat(counter.increment(1_000)).isZero();
    assertThat(counter.increment(5)).isEqualTo(2);
  }

  @Test
  void aWalkOverTensOfThousandsOfPinsRanksDistinctPins() {
    GraphBuilder builder = new GraphBuilder(GraphBuilder.Pruning.defaults());
    for (long pin = 1; pin <= 30_000; pin++) {
      builder.pin(pin, 0, 1_000_000 + pin % 3, true, null, null);
    }
    PinGraph graph = builder.build();
    long[] top = related(graph, 1, 7, 500);
    assertThat(top).hasSize(500).doesNotContain(1L);
    assertThat(java.util.Arrays.stream(top).distinct().count()).isEqualTo(500);
  }

  @Test
  void theTopPinsAreTheHighestScoresInOrderTiesToTheSmallerPin() {
    Walker.Scores scores = new Walker.Scores(1 << 14);
    SplittableRandom random = new SplittableRandom(11);
    double[] byPin = new double[3_000];
    for (int pin = 0; pin < byPin.length; pin++) {
      byPin[pin] = 1 + random.nextInt(40); // many ties
      scores.add(pin, byPin[pin]);
    }
    int[] excluded = {7, 8, 9};
    int[] top = scores.top(100, new int[] {3}, excluded);

    List<Integer> expected = new ArrayList<>();
    for (int pin = 0; pin < byPin.length; pin++) {
      if (pin != 3 && java.util.Arrays.binarySearch(excluded, pin) < 0) {
        expected.add(pin);
      }
    }
    expected.sort(
        (a, b) ->
            byPin[a] != byPin[b] ? Double.compare(byPin[b], byPin[a]) : Integer.compare(a, b));
    assertThat(top).containsExactly(expected.subList(0, 100).stream().mapToInt(i -> i).toArray());
  }
}
