package dev.corkboard.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.support.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The follow graph's queries for the feed ({@link FollowSql}) on the real embedded PostgreSQL. */
class FollowRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(13, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final FollowRepository repository = new FollowRepository();

  @Test
  void followedBoardsAreExplicitFollowsAndPublicBoardsOfFollowedAccountsLessUnfollows() {
    long reader = account("reader", 5);
    long owner = account("owner", 6);
    long other = account("other", 7);
    long kept = board(owner, "PUBLIC");
    long unfollowed = board(owner, "PUBLIC");
    board(owner, "SECRET");
    board(owner, "PROTECTED");
    long chosen = board(other, "PUBLIC");
    long chosenThenSecret = board(other, "SECRET");
    long alsoExplicit = board(owner, "PUBLIC");
    board(other, "PUBLIC");
    repository.insertUserFollow(db, IDS.next(Ids.shardOf(reader)), reader, owner);
    repository.upsertBoardChoice(db, IDS.next((short) 5), reader, unfollowed, owner, false);
    repository.upsertBoardChoice(db, IDS.next((short) 5), reader, chosen, other, true);
    repository.upsertBoardChoice(db, IDS.next((short) 5), reader, chosenThenSecret, other, true);
    repository.upsertBoardChoice(db, IDS.next((short) 5), reader, alsoExplicit, owner, true);

    List<Long> followed =
        db.list(
            FollowSql.FOLLOWED_BOARDS, row -> row.getLong("board_id"), Ids.shardOf(reader), reader);

    assertThat(followed).containsExactlyInAnyOrder(kept, chosen, alsoExplicit);
  }

  @Test
  void aBoardsFollowersAreItsOwnersFollowersLessUnfollowsPlusExplicitOnesEachOnce() {
    long owner = account("owner", 8);
    long board = board(owner, "PUBLIC");
    long viaOwner = account("viaowner", 9);
    long both = account("both", 10);
    long explicitOnly = account("explicit", 11);
    long unfollowed = account("unfollowed", 12);
    long elsewhere = account("elsewhere", 13);
    for (long follower : List.of(viaOwner, both, unfollowed)) {
      repository.insertUserFollow(db, IDS.next(Ids.shardOf(follower)), follower, owner);
    }
    repository.upsertBoardChoice(db, IDS.next((short) 10), both, board, owner, true);
    repository.upsertBoardChoice(db, IDS.next((short) 11), explicitOnly, board, owner, true);
    repository.upsertBoardChoice(db, IDS.next((short) 12), unfollowed, board, owner, false);
    repository.upsertBoardChoice(
        db, IDS.next((short) 13), elsewhere, board(owner, "PUBLIC"), owner, true);

    List<Long> followers = new ArrayList<>();
    for (String batch :
        List.of(FollowSql.OWNER_FOLLOWERS_BEFORE, FollowSql.DIRECT_FOLLOWERS_BEFORE)) {
      followers.addAll(
          db.list(
              batch,
              row -> row.getLong("follower_id"),
              Ids.shardOf(board),
              owner,
              board,
              Long.MAX_VALUE,
              100));
    }

    assertThat(followers).containsExactlyInAnyOrder(viaOwner, both, explicitOnly);
    assertThat(repository.listBoardFollowers(db, board, owner, Long.MAX_VALUE, 10))
        .extracting(FollowRepository.Listed::username)
        .hasSize(3)
        .doesNotHaveDuplicates();
  }

  @Test
  void unfollowingAnOwnerForgetsOnlyTheUnfollowsOfItsBoards() {
    long reader = account("forget", 14);
    long owner = account("forgotten", 15);
    long dropped = board(owner, "PUBLIC");
    long explicit = board(owner, "PUBLIC");
    repository.insertUserFollow(db, IDS.next((short) 14), reader, owner);
    repository.upsertBoardChoice(db, IDS.next((short) 14), reader, dropped, owner, false);
    repository.upsertBoardChoice(db, IDS.next((short) 14), reader, explicit, owner, true);

    repository.deleteUnfollows(db, reader, owner);

    assertThat(repository.boardChoice(db, reader, dropped)).isEmpty();
    assertThat(repository.boardChoice(db, reader, explicit)).contains(true);
    assertThat(repository.boardsChosen(db, reader, owner, true)).containsExactly(explicit);
  }

  private long account(String name, int shard) {
    long id = IDS.next((short) shard);
    TestDatabase.insertAccount(db, id, name + "_" + id);
    return id;
  }

  private long board(long owner, String privacy) {
    long id = IDS.next(Ids.shardOf(owner));
    db.update(
        "INSERT INTO boards (shard, id, owner_id, name, privacy) VALUES ($1, $2, $3, $4, $5)",
        Ids.shardOf(id),
        id,
        owner,
        "Board " + id,
        privacy);
    return id;
  }
}
