package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.Application;
import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two servers of the test cluster on one database, both with read caches: a member reads a secret
 * group board's pin and page from one server's memory, is removed on the other, and is refused on
 * both from their next request on.
 */
class GroupBoardAcrossServersApiTest {

  @Test
  void aMemberRemovedOnOneServerIsRefusedOnTheOtherAtOnce() throws InterruptedException {
    List<Application> cluster = TestServer.sharedCluster();
    Application first = cluster.get(0);
    Application second = cluster.get(1);
    Users.User owner = Users.signUp(Api.of(first));
    Users.User member = Users.signUp(Api.of(first));
    String board = Pins.board(owner.client(), "Shared", "SECRET");
    String pin = Pins.create(owner.client(), board, Color.RED).text("id");
    Api.Response invited =
        owner
            .client()
            .post(
                GroupBoards.collaboratorsOf(board),
                Map.of("username", member.username(), "role", "VIEWER"));
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    assertThat(member.client().post(GroupBoards.accept(board), Map.of()).status()).isEqualTo(200);
    Api onSecond = Api.of(second).bearer(member.token());
    // Read on the second server until it answers the pin from memory.
    double before = pinHits(second);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (pinHits(second) <= before) {
      assertThat(System.nanoTime()).as("remembered in time").isLessThan(deadline);
      assertThat(onSecond.get("/v5/pins/" + pin).status()).isEqualTo(200);
      assertThat(onSecond.get(Boards.pinsOf(board)).status()).isEqualTo(200);
      Thread.sleep(20);
    }

    assertThat(owner.client().delete(GroupBoards.collaborator(board, member.username())).status())
        .isEqualTo(204);

    assertThat(onSecond.get("/v5/pins/" + pin).status()).isEqualTo(404);
    assertThat(onSecond.get(Boards.pinsOf(board)).status()).isEqualTo(404);
    assertThat(onSecond.get(Boards.boardPath(board)).status()).isEqualTo(404);
    assertThat(member.client().get("/v5/pins/" + pin).status()).isEqualTo(404);
  }

  private static double pinHits(Application app) {
    for (String line : Api.of(app).unvalidated().get("/metrics").body().split("\n")) {
      if (line.startsWith("cache_gets_total{cache=\"pins\",result=\"hit\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
