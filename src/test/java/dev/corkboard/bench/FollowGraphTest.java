package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The seed's follow graph: consistent counts, no self or secret follows, a power-law shape. */
class FollowGraphTest {

  @Test
  void countsAgreeWithTheFollowsAndNobodyFollowsItselfItsOwnOrASecretBoard() {
    int accounts = 2_000;
    Random random = new Random(7);
    int[] owner = new int[20_000];
    boolean[] secret = new boolean[owner.length];
    for (int b = 0; b < owner.length; b++) {
      owner[b] = b < accounts ? b : random.nextInt(accounts);
      secret[b] = random.nextDouble() < 0.03;
    }

    FollowGraph graph = FollowGraph.draw(accounts, owner, secret, new Random(1));

    int[] followers = new int[accounts];
    int[] direct = new int[owner.length];
    for (int a = 0; a < accounts; a++) {
      int self = a;
      assertThat(graph.followees()[a]).doesNotContain(a).doesNotHaveDuplicates();
      assertThat(graph.boards()[a]).doesNotHaveDuplicates();
      assertThat(graph.boards()[a].length)
          .isBetween(FollowGraph.BOARD_FOLLOWS_MIN, FollowGraph.BOARD_FOLLOWS_MAX);
      for (int f : graph.followees()[a]) {
        followers[f]++;
      }
      for (int b : graph.boards()[a]) {
        assertThat(secret[b]).isFalse();
        assertThat(owner[b]).isNotEqualTo(self);
        if (Arrays.stream(graph.followees()[a]).noneMatch(f -> f == owner[b])) {
          direct[b]++;
        }
      }
    }
    assertThat(graph.followerCount()).isEqualTo(followers);
    assertThat(graph.directFollowerCount()).isEqualTo(direct);

    int[] sorted = followers.clone();
    Arrays.sort(sorted);
    assertThat(sorted[accounts - 1]).as("the most followed account").isGreaterThan(accounts / 3);
    assertThat(sorted[accounts / 2]).as("the median account").isLessThan(10);
  }

  @Test
  void aTinySeedFollowsWhatThereIs() {
    FollowGraph graph =
        FollowGraph.draw(2, new int[] {0, 1, 1}, new boolean[] {false, false, true}, new Random(3));

    assertThat(graph.followees()[0]).hasSizeLessThanOrEqualTo(1).doesNotContain(0);
    assertThat(graph.boards()[0]).containsExactly(1);
    assertThat(graph.boards()[1]).containsExactly(0);
  }

  @Test
  void thePopularAccountsReachTheirFollowersThroughAccountsThatOnlyFollow() {
    int accounts = 500;
    Random random = new Random(5);
    int[] owner = new int[5_000];
    boolean[] secret = new boolean[owner.length];
    for (int b = 0; b < owner.length; b++) {
      owner[b] = b < accounts ? b : random.nextInt(accounts);
      secret[b] = random.nextDouble() < 0.03;
    }
    FollowGraph drawn = FollowGraph.draw(accounts, owner, secret, new Random(2));

    FollowGraph graph = drawn.withPopular(3, 2_000, owner, secret);

    assertThat(graph.popular()).hasSize(3).doesNotHaveDuplicates();
    int[] followers = new int[graph.accounts()];
    for (int a = 0; a < graph.accounts(); a++) {
      for (int f : graph.followees()[a]) {
        followers[f]++;
      }
    }
    assertThat(graph.followerCount()).isEqualTo(followers);
    for (int p : graph.popular()) {
      assertThat(followers[p]).isEqualTo(2_000);
    }
    int minimum = Arrays.stream(graph.popular()).map(p -> drawn.followerCount()[p]).min().orElse(0);
    assertThat(minimum)
        .as("the popular were the most followed before")
        .isGreaterThanOrEqualTo(
            Arrays.stream(drawn.followerCount()).sorted().toArray()[accounts - 5]);
    assertThat(graph.accounts()).isEqualTo(accounts + 2_000 - minimum);
    for (int a = accounts; a < graph.accounts(); a++) {
      assertThat(graph.boards()[a]).isEmpty();
      assertThat(Arrays.stream(graph.followees()[a]).boxed().toList())
          .isNotEmpty()
          .isSubsetOf(Arrays.stream(graph.popular()).boxed().toList());
    }
    for (int a = 0; a < accounts; a++) {
      assertThat(graph.followees()[a]).isEqualTo(drawn.followees()[a]);
    }
  }
}
