package dev.corkboard.bench;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The seed's follow graph, power-law shaped like a real one: each account follows a few accounts
 * and tens of public boards, drawn by Zipf popularity, so that the most popular accounts are
 * followed by most accounts (some 80% of them at the default size) and the median account by almost
 * nobody. It scales with the number of accounts, so small seeds stay small. {@link #withPopular}
 * then gives a few accounts a follower count the rest of the graph could not reach, through
 * accounts that own nothing and only follow them, as most of a real site's readers do.
 *
 * @param followees for each account, the accounts it follows
 * @param boards for each account, the public boards it follows explicitly (none of its own)
 * @param followerCount for each account, how many accounts follow it
 * @param directFollowerCount for each board, its explicit followers who do not follow its owner
 * @param popular the accounts given their followers by {@link #withPopular}, most followed first
 */
record FollowGraph(
    int[][] followees,
    int[][] boards,
    int[] followerCount,
    int[] directFollowerCount,
    int[] popular) {

  /** How many accounts there are, the followers-only ones of {@link #withPopular} included. */
  int accounts() {
    return followees.length;
  }

  /** The mean number of accounts an account follows. */
  static final int ACCOUNT_FOLLOWS_MEAN = 8;

  /** The fewest and most boards an account follows explicitly. */
  static final int BOARD_FOLLOWS_MIN = 10;

  static final int BOARD_FOLLOWS_MAX = 40;

  /** The Zipf exponent of popularity, of accounts and of boards. */
  static final double EXPONENT = 1.0;

  /** How many accounts it follows. */
  int followingCount(int account) {
    return followees[account].length;
  }

  /** How many follows of accounts and of boards there are. */
  long size() {
    return Arrays.stream(followees).mapToLong(f -> f.length).sum()
        + Arrays.stream(boards).mapToLong(b -> b.length).sum();
  }

  /** Draws the graph of {@code accounts} accounts and their boards (owner and privacy by board). */
  static FollowGraph draw(int accounts, int[] owner, boolean[] secret, Random random) {
    int[] publicBoards = IntStream.range(0, owner.length).filter(b -> !secret[b]).toArray();
    int[] publicBoardsOf = new int[accounts];
    for (int b : publicBoards) {
      publicBoardsOf[owner[b]]++;
    }
    Zipf people = new Zipf(accounts, random);
    Zipf popularBoards = new Zipf(publicBoards.length, random);
    int[][] followees = new int[accounts][];
    int[][] boards = new int[accounts][];
    int[] followerCount = new int[accounts];
    int[] direct = new int[owner.length];
    for (int a = 0; a < accounts; a++) {
      int self = a;
      int wanted = Math.min(accounts - 1, random.nextInt(2 * ACCOUNT_FOLLOWS_MEAN + 1));
      Set<Integer> follows = draw(people, wanted, random, x -> x != self);
      followees[a] = follows.stream().mapToInt(Integer::intValue).sorted().toArray();
      for (int f : followees[a]) {
        followerCount[f]++;
      }
      int boardWanted =
          Math.min(
              publicBoards.length - publicBoardsOf[a],
              BOARD_FOLLOWS_MIN + random.nextInt(BOARD_FOLLOWS_MAX - BOARD_FOLLOWS_MIN + 1));
      Set<Integer> chosen =
          draw(popularBoards, boardWanted, random, i -> owner[publicBoards[i]] != self);
      boards[a] = chosen.stream().mapToInt(i -> publicBoards[i]).sorted().toArray();
      for (int b : boards[a]) {
        if (!follows.contains(owner[b])) {
          direct[b]++;
        }
      }
    }
    return new FollowGraph(followees, boards, followerCount, direct, new int[0]);
  }

  /**
   * This graph with its {@code count} most followed accounts that own a public board each given
   * {@code followers} followers in all: new accounts, numbered after the others, that own nothing
   * and follow only some of these (the first of them all of these, the last only the one that
   * started with the fewest followers). An account that already has that many gains none.
   */
  FollowGraph withPopular(int count, int followers, int[] owner, boolean[] secret) {
    int regular = accounts();
    boolean[] hasPublicBoard = new boolean[regular];
    for (int b = 0; b < owner.length; b++) {
      hasPublicBoard[owner[b]] |= !secret[b];
    }
    int[] chosen =
        IntStream.range(0, regular)
            .filter(a -> hasPublicBoard[a])
            .boxed()
            .sorted((a, b) -> Integer.compare(followerCount[b], followerCount[a]))
            .limit(count)
            .mapToInt(Integer::intValue)
            .toArray();
    int[] wanted = new int[chosen.length];
    int added = 0;
    for (int i = 0; i < chosen.length; i++) {
      wanted[i] = Math.max(0, followers - followerCount[chosen[i]]);
      added = Math.max(added, wanted[i]);
    }
    int[][] allFollowees = Arrays.copyOf(followees, regular + added);
    int[][] allBoards = Arrays.copyOf(boards, regular + added);
    int[] allFollowerCount = Arrays.copyOf(followerCount, regular + added);
    for (int l = 0; l < added; l++) {
      int reader = l;
      allFollowees[regular + l] =
          IntStream.range(0, chosen.length)
              .filter(i -> reader < wanted[i])
              .map(i -> chosen[i])
              .sorted()
              .toArray();
      allBoards[regular + l] = new int[0];
    }
    for (int i = 0; i < chosen.length; i++) {
      allFollowerCount[chosen[i]] += wanted[i];
    }
    return new FollowGraph(allFollowees, allBoards, allFollowerCount, directFollowerCount, chosen);
  }

  /** {@code wanted} distinct draws that {@code allowed} accepts, giving up after many misses. */
  private static Set<Integer> draw(Zipf zipf, int wanted, Random random, IntPredicate allowed) {
    Set<Integer> drawn = new HashSet<>();
    for (int attempts = 0; drawn.size() < wanted && attempts < 20 * wanted + 20; attempts++) {
      int x = zipf.next(random);
      if (allowed.test(x)) {
        drawn.add(x);
      }
    }
    return drawn;
  }

  /** Zipf-distributed draws over {@code 0..n-1}, in a random order of popularity. */
  private static final class Zipf {
    private final double[] cumulative;
    private final int[] byRank;

    Zipf(int n, Random random) {
      cumulative = new double[n];
      double sum = 0;
      for (int rank = 0; rank < n; rank++) {
        sum += 1 / Math.pow(rank + 1, EXPONENT);
        cumulative[rank] = sum;
      }
      byRank = new int[n];
      for (int i = 0; i < n; i++) {
        byRank[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = byRank[i];
        byRank[i] = byRank[j];
        byRank[j] = t;
      }
    }

    int next(Random random) {
      double u = random.nextDouble() * cumulative[cumulative.length - 1];
      int rank = Arrays.binarySearch(cumulative, u);
      rank = rank >= 0 ? rank : -rank - 1;
      return byRank[Math.min(rank, cumulative.length - 1)];
    }
  }
}
