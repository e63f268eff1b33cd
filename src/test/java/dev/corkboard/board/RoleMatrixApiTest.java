package dev.corkboard.board;

import static dev.corkboard.board.Boards.boardPath;
import static dev.corkboard.board.Boards.createBoard;
import static dev.corkboard.board.Boards.createSection;
import static dev.corkboard.board.Boards.ids;
import static dev.corkboard.board.Boards.pinsOf;
import static dev.corkboard.board.Boards.sectionPath;
import static dev.corkboard.board.Boards.sectionsOf;
import static dev.corkboard.board.GroupBoards.addMember;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role on a group board, a stranger and a caller without a token, against every board,
 * section and pin operation, on a public and on a secret board: the exact status each gets, and
 * that nothing of a secret board reaches anyone else through lists, counts or search.
 */
class RoleMatrixApiTest {

  /** Who asks. */
  enum Actor {
    OWNER,
    EDITOR,
    CONTRIBUTOR,
    VIEWER,
    STRANGER,
    ANONYMOUS
  }

  /** A group board with one account in each role, and a stranger. */
  record World(
      Map<Actor, Users.User> users, String board, String ownersPin, String contributorsPin) {

    Api client(Actor actor) {
      return actor == Actor.ANONYMOUS ? Api.anonymous() : users.get(actor).client();
    }

    Users.User user(Actor actor) {
      return users.get(actor);
    }
  }

  private static final Map<String, World> WORLDS = new java.util.concurrent.ConcurrentHashMap<>();

  private static World world(String privacy) {
    return WORLDS.computeIfAbsent(privacy, RoleMatrixApiTest::build);
  }

  private static World build(String privacy) {
    Map<Actor, Users.User> users = new EnumMap<>(Actor.class);
    for (Actor actor :
        List.of(Actor.OWNER, Actor.EDITOR, Actor.CONTRIBUTOR, Actor.VIEWER, Actor.STRANGER)) {
      users.put(actor, Users.signUp());
    }
    String board = groupBoard(users, privacy);
    String ownersPin = Pins.create(users.get(Actor.OWNER).client(), board, Color.RED).text("id");
    String contributorsPin =
        Pins.create(users.get(Actor.CONTRIBUTOR).client(), board, Color.BLUE).text("id");
    return new World(users, board, ownersPin, contributorsPin);
  }

  private static String groupBoard(Map<Actor, Users.User> users, String privacy) {
    Users.User owner = users.get(Actor.OWNER);
    String board = createBoard(owner.client(), "Group " + System.nanoTime(), privacy);
    addMember(owner, board, users.get(Actor.EDITOR), "EDITOR");
    addMember(owner, board, users.get(Actor.CONTRIBUTOR), "CONTRIBUTOR");
    addMember(owner, board, users.get(Actor.VIEWER), "VIEWER");
    return board;
  }

  /**
   * An operation: what it does as the actor in the world, answering the response, and the status
   * each actor gets on a public board; on a secret board a stranger gets 404 wherever they would
   * not get 200 or 201 on a public one... and 404 there too: a secret board does not exist for
   * them.
   */
  record Operation(
      String name, BiFunction<World, Actor, Api.Response> call, Map<Actor, Integer> onPublic) {

    int expected(Actor actor, String privacy) {
      if (actor == Actor.ANONYMOUS) {
        return 401;
      }
      if (privacy.equals("SECRET") && actor == Actor.STRANGER) {
        return 404;
      }
      return onPublic.get(actor);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Map<Actor, Integer> statuses(
      int owner, int editor, int contributor, int viewer, int stranger) {
    return Map.of(
        Actor.OWNER, owner,
        Actor.EDITOR, editor,
        Actor.CONTRIBUTOR, contributor,
        Actor.VIEWER, viewer,
        Actor.STRANGER, stranger);
  }

  private static final List<Operation> OPERATIONS =
      List.of(
          new Operation(
              "get board",
              (w, a) -> w.client(a).get(boardPath(w.board())),
              statuses(200, 200, 200, 200, 200)),
          new Operation(
              "list board pins",
              (w, a) -> w.client(a).get(pinsOf(w.board())),
              statuses(200, 200, 200, 200, 200)),
          new Operation(
              "list sections",
              (w, a) -> w.client(a).get(sectionsOf(w.board())),
              statuses(200, 200, 200, 200, 200)),
          new Operation(
              "get pin",
              (w, a) -> w.client(a).get("/v5/pins/" + w.ownersPin()),
              statuses(200, 200, 200, 200, 200)),
          new Operation(
              "rename board",
              (w, a) ->
                  w.client(a)
                      .patch(boardPath(w.board()), Map.of("name", "Group " + System.nanoTime())),
              statuses(200, 403, 403, 403, 403)),
          new Operation(
              "delete board",
              (w, a) -> {
                String fresh = groupBoard(w.users(), privacyOf(w));
                return w.client(a).delete(boardPath(fresh));
              },
              statuses(204, 403, 403, 403, 403)),
          new Operation(
              "create section",
              (w, a) ->
                  w.client(a).post(sectionsOf(w.board()), Map.of("name", "S" + System.nanoTime())),
              statuses(201, 201, 403, 403, 403)),
          new Operation(
              "rename section",
              (w, a) ->
                  w.client(a)
                      .patch(
                          sectionPath(w.board(), ownersSection(w)),
                          Map.of("name", "S" + System.nanoTime())),
              statuses(200, 200, 403, 403, 403)),
          new Operation(
              "delete section",
              (w, a) -> w.client(a).delete(sectionPath(w.board(), ownersSection(w))),
              statuses(204, 204, 403, 403, 403)),
          new Operation(
              "create pin",
              (w, a) -> w.client(a).post("/v5/pins", pinOn(w.board())),
              statuses(201, 201, 201, 403, 403)),
          new Operation(
              "save a pin onto the board",
              (w, a) ->
                  w.client(a)
                      .post("/v5/pins/" + publicPin() + "/save", Map.of("board_id", w.board())),
              statuses(201, 201, 201, 403, 403)),
          new Operation(
              "edit the owner's pin",
              (w, a) -> w.client(a).patch("/v5/pins/" + w.ownersPin(), Map.of("title", "t")),
              statuses(200, 200, 403, 403, 403)),
          new Operation(
              "edit the contributor's pin",
              (w, a) -> w.client(a).patch("/v5/pins/" + w.contributorsPin(), Map.of("title", "t")),
              statuses(200, 200, 200, 403, 403)),
          new Operation(
              "delete the owner's pin",
              (w, a) -> w.client(a).delete("/v5/pins/" + ownersFreshPin(w)),
              statuses(204, 204, 403, 403, 403)),
          new Operation(
              "delete the contributor's pin",
              (w, a) -> w.client(a).delete("/v5/pins/" + contributorsFreshPin(w)),
              statuses(204, 204, 204, 403, 403)),
          new Operation(
              "put a pin first in manual order",
              (w, a) ->
                  w.client(a)
                      .post(
                          "/v5/boards/" + w.board() + "/pins/order",
                          Map.of("pin_id", w.ownersPin())),
              statuses(200, 200, 403, 403, 403)),
          new Operation(
              "bulk-delete the owner's pin",
              (w, a) ->
                  w.client(a)
                      .post(
                          "/v5/pins/bulk",
                          Map.of("action", "DELETE", "pin_ids", List.of(ownersFreshPin(w)))),
              statuses(200, 200, 403, 403, 403)),
          new Operation(
              "bulk-delete the contributor's pin",
              (w, a) ->
                  w.client(a)
                      .post(
                          "/v5/pins/bulk",
                          Map.of("action", "DELETE", "pin_ids", List.of(contributorsFreshPin(w)))),
              statuses(200, 200, 200, 403, 403)),
          new Operation(
              "invite a viewer",
              (w, a) ->
                  w.client(a)
                      .post(
                          GroupBoards.collaboratorsOf(w.board()),
                          Map.of("username", Users.signUp().username(), "role", "VIEWER")),
              statuses(201, 201, 403, 403, 403)),
          new Operation(
              "invite an editor",
              (w, a) ->
                  w.client(a)
                      .post(
                          GroupBoards.collaboratorsOf(w.board()),
                          Map.of("username", Users.signUp().username(), "role", "EDITOR")),
              statuses(201, 403, 403, 403, 403)),
          new Operation(
              "hand a board to its editor",
              (w, a) ->
                  w.client(a)
                      .post(
                          "/v5/boards/" + groupBoard(w.users(), privacyOf(w)) + "/owner",
                          Map.of("username", w.user(Actor.EDITOR).username())),
              statuses(200, 403, 403, 403, 403)),
          new Operation(
              "read activity",
              (w, a) -> w.client(a).get(GroupBoards.activityOf(w.board())),
              statuses(200, 200, 200, 200, 403)));

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (String privacy : List.of("PUBLIC", "SECRET")) {
      for (Operation operation : OPERATIONS) {
        for (Actor actor : Actor.values()) {
          cases.add(Arguments.of(privacy, operation, actor));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} board, {1}, as {2}")
  @MethodSource("cases")
  void eachRoleGetsExactlyItsStatus(String privacy, Operation operation, Actor actor) {
    World world = world(privacy);

    Api.Response response = operation.call().apply(world, actor);

    assertThat(response.status())
        .as("%s on a %s board as %s: %s", operation, privacy, actor, response.body())
        .isEqualTo(operation.expected(actor, privacy));
  }

  @Test
  void nothingOfASecretGroupBoardReachesAStrangerThroughListsCountsOrSearch() {
    World world = world("SECRET");
    Users.User owner = world.user(Actor.OWNER);
    Api stranger = world.client(Actor.STRANGER);
    String word = "zq" + Long.toString(System.nanoTime(), 36);
    assertThat(
            owner.client().patch("/v5/pins/" + world.ownersPin(), Map.of("title", word)).status())
        .isEqualTo(200);

    assertThat(ids(stranger.get("/v5/users/" + owner.username() + "/boards")))
        .doesNotContain(world.board());
    assertThat(stranger.get("/v5/users/" + owner.username()).json().path("board_count").asInt())
        .isZero();
    assertThat(ids(stranger.get("/v5/search/public/pins?query=" + word))).isEmpty();
    assertThat(ids(stranger.get("/v5/search/public/boards?query=Group")))
        .doesNotContain(world.board());
    assertThat(stranger.get("/v5/boards/" + world.board() + "/collaborators").status())
        .isEqualTo(404);
    assertThat(ids(stranger.get("/v5/boards"))).doesNotContain(world.board());
    // Its members list it, and see it through their secret-reading tokens only.
    assertThat(ids(world.client(Actor.VIEWER).get("/v5/boards"))).contains(world.board());
    assertThat(
            ids(
                world
                    .user(Actor.VIEWER)
                    .withScopes(Users.PUBLIC_SCOPES.toArray(String[]::new))
                    .get("/v5/boards")))
        .doesNotContain(world.board());
  }

  private static String privacyOf(World world) {
    return world == WORLDS.get("SECRET") ? "SECRET" : "PUBLIC";
  }

  private static String ownersSection(World world) {
    return createSection(world.user(Actor.OWNER).client(), world.board(), "S" + System.nanoTime());
  }

  private static String ownersFreshPin(World world) {
    return Pins.create(world.user(Actor.OWNER).client(), world.board(), Color.GREEN).text("id");
  }

  private static String contributorsFreshPin(World world) {
    return Pins.create(world.user(Actor.CONTRIBUTOR).client(), world.board(), Color.GREEN)
        .text("id");
  }

  private static volatile String publicPin;

  /** A public pin of somebody else's, for saving. */
  private static synchronized String publicPin() {
    if (publicPin == null) {
      Users.User someone = Users.signUp();
      publicPin =
          Pins.create(someone.client(), createBoard(someone.client(), "Public"), Color.ORANGE)
              .text("id");
    }
    return publicPin;
  }

  private static Map<String, Object> pinOn(String board) {
    return Map.of(
        "board_id", board, "media_source", Pins.base64Source(Images.png(20, 20, Color.RED)));
  }
}
