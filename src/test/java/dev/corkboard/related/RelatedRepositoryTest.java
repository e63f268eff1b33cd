package dev.corkboard.related;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.support.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The streaming read of the graph and the polls on a database of its own. */
class RelatedRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(13, Clock.systemUTC());

  private static Database db;

  private final RelatedRepository repository = new RelatedRepository();

  @BeforeAll
  static void connect() {
    db = Database.connect(TestDatabase.fresh(), 2, new SimpleMeterRegistry());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void theBuildFollowsSaveChainsToTheirOriginalAndKeepsPublicBoardsOnly() {
    long alice = account(3);
    long bob = account(5);
    long garden = board(alice, "PUBLIC");
    long plants = board(bob, "PUBLIC");
    long hidden = board(alice, "SECRET");
    // Enough boards without pins that the read takes two pages.
    db.update(
        """
        INSERT INTO boards (shard, id, owner_id, name, privacy)
        SELECT 3, $1::bigint + g, $2, 'empty ' || g, 'PUBLIC'
        FROM generate_series(1, $3::int) g""",
        garden + 1_000_000,
        alice,
        RelatedRepository.BOARDS_PER_PAGE + 100);
    long original = pin(alice, garden, null);
    long other = pin(alice, garden, null);
    long save = pin(bob, plants, original);
    long secretSave = pin(alice, hidden, save);
    long saveOfSecret = pin(bob, plants, secretSave);
    long orphan = pin(bob, plants, 424_242L);

    GraphBuilder builder = new GraphBuilder(GraphBuilder.Pruning.defaults());
    repository.readAll(db, builder);
    PinGraph graph = builder.build();

    assertThat(builder.pinsRead()).isEqualTo(6);
    assertThat(graph.pins()).isEqualTo(3);
    assertThat(graph.boards()).isEqualTo(2);
    assertThat(graph.pinDegree(graph.pinIndex(original).orElseThrow())).isEqualTo(3);
    assertThat(graph.pinDegree(graph.pinIndex(other).orElseThrow())).isEqualTo(1);
    assertThat(graph.pinDegree(graph.pinIndex(orphan).orElseThrow())).isEqualTo(1);
    assertThat(graph.pinIndex(save)).isEmpty();
    assertThat(graph.boardIndex(hidden)).isEmpty();

    List<RelatedRepository.Rooted> made = repository.madeAfter(db, other);
    assertThat(made)
        .containsExactlyInAnyOrder(
            new RelatedRepository.Rooted(save, original, plants, true),
            new RelatedRepository.Rooted(secretSave, original, hidden, false),
            new RelatedRepository.Rooted(saveOfSecret, original, plants, true),
            new RelatedRepository.Rooted(orphan, orphan, plants, true));
    assertThat(repository.roots(db, List.of(saveOfSecret, 1L)))
        .extracting(RelatedRepository.Rooted::root)
        .containsExactly(original);
    assertThat(repository.onBoard(db, Ids.shardOf(plants), plants, 2))
        .extracting(RelatedRepository.Rooted::id)
        .containsExactly(orphan, saveOfSecret);
  }

  private static long account(int shard) {
    long id = IDS.next((short) shard);
    TestDatabase.insertAccount(db, id, "walker_" + id);
    return id;
  }

  private static long board(long owner, String privacy) {
    long id = IDS.next(Ids.shardOf(owner));
    db.update(
        "INSERT INTO boards (shard, id, owner_id, name, privacy) VALUES ($1, $2, $3, $4, $5)",
        Ids.shardOf(id),
        id,
        owner,
        "board " + id,
        privacy);
    return id;
  }

  private static long pin(long owner, long board, @Nullable Long parent) {
    long id = IDS.next(Ids.shardOf(owner));
    db.update(
        """
        INSERT INTO pins (shard, id, owner_id, board_id, title, parent_pin_id, creative_type)
        VALUES ($1, $2, $3, $4, $5, $6, 'REGULAR')""",
        Ids.shardOf(id),
        id,
        owner,
        board,
        "pin " + id,
        parent);
    return id;
  }
}
