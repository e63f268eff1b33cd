package dev.corkboard.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.json.Json;
import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix: every operation of the served description that takes a bearer token,
 * for every kind of caller (the owner, the owner through a token missing each scope, another user,
 * no token, a revoked token, an unknown token), on a public and on a secret object, answers exactly
 * the status and code the access rules give, and no answer to a caller who may not see a secret
 * object carries its id, its pins' ids or its image's address. The expected answers are written
 * here from the rules in the README, independently of the access policy's code.
 */
class AuthorizationMatrixApiTest {

  private static final String BRS = "boards:read_secret";
  private static final String BWS = "boards:write_secret";
  private static final String PRS = "pins:read_secret";
  private static final String PWS = "pins:write_secret";

  /** Operations the matrix leaves out, and why: they take no bearer token. */
  private static final Set<String> NOT_BEARER =
      Set.of(
          "POST /accounts", // sign-up, no credentials
          "POST /tokens", // issued with the password alone
          "POST /oauth/token", // an app's client id and secret
          "POST /oauth/token/revoke", // an app's client id and secret
          "GET /openapi.json"); // public

  private static final AtomicInteger NAMES = new AtomicInteger();

  private enum Privacy {
    PUBLIC,
    SECRET
  }

  private enum Kind {
    OWNER,
    OTHER,
    ANONYMOUS,
    REVOKED,
    UNKNOWN_TOKEN
  }

  /** What an operation needs of the object it addresses; NONE for the caller's own lists. */
  private enum Access {
    NONE,
    READ_BOARD,
    CHANGE_BOARD,
    LIST_PINS,
    ADD_PINS,
    READ_PIN,
    CHANGE_PIN,
    SAVE_PIN,
    READ_CUTOUT,
    DELETE_CUTOUT,
    READ_COLLAGE,
    CHANGE_COLLAGE,
    PUBLISH_COLLAGE,
    FOLLOW_BOARD,
    MEMBERS_ONLY
  }

  /** A caller of the matrix: who it is and the scopes its token carries. */
  private record Caller(String name, Kind kind, Set<String> scopes, Api api) {}

  /** The objects one privacy's cells address, all Alice's. */
  private record Objects(
      String board, String section, String pin, String cutout, String collage, String sha256) {}

  /** What a cell's request is built from. */
  private record Cell(Caller caller, Privacy privacy, Objects objects, String target) {}

  /**
   * One operation.
   *
   * @param key its method and path in the served description
   * @param access what it needs of its object
   * @param success the status it answers when allowed
   * @param fresh makes a new object for a cell that will succeed and destroy it, or null
   * @param send sends the request; {@code target} is the object's id (or the fresh one)
   */
  private record Operation(
      String key,
      Access access,
      int success,
      Function<Privacy, String> fresh,
      Function<Cell, Api.Response> send) {}

  /** An expected answer. */
  private record Expected(int status, int code) {}

  private Users.User alice;
  private Users.User bob;
  private Users.User carol;
  private String bobsBoard;
  private final Map<Privacy, Objects> objects = new LinkedHashMap<>();
  private final List<String> mismatches = new ArrayList<>();
  private final List<String> leaks = new ArrayList<>();
  private String secretCollagePin;
  private int cells;
  private int leakChecks;

  @Test
  void everyOperationAnswersEveryCallerAsTheAccessRulesSayAndLeaksNothingSecret() {
    alice = Users.signUp();
    bob = Users.signUp();
    carol = Users.signUp();
    bobsBoard = Pins.board(bob.client(), "Bob's");
    for (Privacy privacy : Privacy.values()) {
      objects.put(privacy, objectsOf(privacy));
    }
    secretCollagePin = publishedPinOf(objects.get(Privacy.SECRET).collage());

    List<Caller> callers = callers();
    List<Operation> operations = operations();
    Set<String> covered = new TreeSet<>();
    operations.forEach(op -> covered.add(op.key()));
    assertThat(covered)
        .as("the matrix covers every bearer operation of the served description")
        .isEqualTo(bearerOperations());

    for (Operation op : operations) {
      Set<String> listed = listedScopes(op.key());
      for (Caller caller : callers) {
        for (Privacy privacy :
            op.access() == Access.NONE ? List.of(Privacy.PUBLIC) : List.of(Privacy.values())) {
          run(op, listed, caller, privacy);
        }
      }
    }
    checkCounts(callers);
    everyObjectStillExists();

    System.out.printf(
        Locale.ROOT,
        "authorization matrix: %d operations x %d callers x public/secret = %d cells, %d answers"
            + " checked for leaks, %d mismatches, %d leaks%n",
        operations.size(),
        callers.size(),
        cells,
        leakChecks,
        mismatches.size(),
        leaks.size());
    assertThat(mismatches).as("cells whose answer differs from the rules").isEmpty();
    assertThat(leaks).as("answers that carry a secret object's id or image").isEmpty();
  }

  private void run(Operation op, Set<String> listed, Caller caller, Privacy privacy) {
    Objects of = objects.get(privacy);
    Expected expected = expected(op, listed, caller, privacy);
    boolean succeeds = expected.status() == op.success();
    String target =
        op.fresh() != null && succeeds ? op.fresh().apply(privacy) : defaultTarget(op, of);
    Api.Response answer = op.send().apply(new Cell(caller, privacy, of, target));
    cells++;
    String cell = op.key() + " as " + caller.name() + " on " + privacy;
    int code = answer.status() >= 400 ? answer.code() : 0;
    if (answer.status() != expected.status() || code != expected.code()) {
      mismatches.add(
          cell
              + ": expected "
              + expected.status()
              + (expected.code() == 0 ? "" : " code " + expected.code())
              + ", got "
              + answer.status()
              + " "
              + abbreviated(answer.body()));
    }
    Map<String, String> hidden = hiddenFrom(caller, op);
    if (!hidden.isEmpty()) {
      leakChecks++;
      hidden.forEach(
          (secret, what) -> {
            if (answer.body() != null && answer.body().contains(secret)) {
              leaks.add(cell + " names " + what + ": " + abbreviated(answer.body()));
            }
          });
    }
  }

  /**
   * What no answer of this operation to this caller may name: anything secret, to anyone but Alice;
   * to Alice's own lists through a token without a secret scope, what that scope lists. (Alice
   * addressing a secret object by id already knows its id.)
   */
  private Map<String, String> hiddenFrom(Caller caller, Operation op) {
    Objects secret = objects.get(Privacy.SECRET);
    Map<String, String> hidden = new LinkedHashMap<>();
    if (caller.kind() != Kind.OWNER) {
      hidden.put(secret.board(), "the secret board");
      hidden.put(secret.section(), "its section");
      hidden.put(secret.pin(), "the secret pin");
      hidden.put(secret.sha256(), "the secret pin's image");
      hidden.put(secret.cutout(), "the secret pin's cutout");
      hidden.put(secret.collage(), "the collage published onto the secret board");
      hidden.put(secretCollagePin, "that collage's pin");
      if (op.key().equals("GET /search/public/pins")) {
        // Public search lists Alice's public pins, her public saves of the secret pin among them,
        // and such a save shows its image to everybody, as she chose (GET /pins/{id} does too).
        hidden.remove(secret.sha256());
      }
      if (op.key().equals("POST /pins/bulk")) {
        // A bulk change names the first pin that fails by the id the caller sent; its 404 is the
        // same bytes for a secret pin as for an id no pin has.
        hidden.remove(secret.pin());
      }
    } else if (op.access() == Access.NONE && !caller.scopes().contains(BRS)) {
      hidden.put(secret.board(), "the secret board");
      hidden.put(secret.section(), "its section");
    }
    if (caller.kind() == Kind.OWNER
        && op.access() == Access.NONE
        && !(caller.scopes().contains(BRS) && caller.scopes().contains(PRS))) {
      // Alice's pin lists leave out her secret pins. (Her public save of the secret pin shows its
      // image, as she chose; its parent_pin_id names it only where pins:read_secret is held.)
      hidden.put(secretCollagePin, "the pin of the collage published onto the secret board");
      if (!caller.scopes().contains(PRS)) {
        hidden.put(secret.pin(), "the secret pin");
      }
    }
    return hidden;
  }

  /** The answer the rules give. */
  private static Expected expected(Operation op, Set<String> listed, Caller caller, Privacy p) {
    if (caller.kind() == Kind.ANONYMOUS
        || caller.kind() == Kind.REVOKED
        || caller.kind() == Kind.UNKNOWN_TOKEN) {
      return new Expected(401, 2);
    }
    Set<String> s = caller.scopes();
    if (!s.containsAll(listed)) {
      return new Expected(403, 3);
    }
    boolean secret = p == Privacy.SECRET;
    boolean owner = caller.kind() == Kind.OWNER;
    Expected ok = new Expected(op.success(), 0);
    Expected noBoard = new Expected(404, 40);
    Expected noPin = new Expected(404, 50);
    Expected noObject = new Expected(404, 404);
    Expected forbidden = new Expected(403, 29);
    Expected scope = new Expected(403, 3);
    boolean seesBoard = !secret || (owner && s.contains(BRS));
    boolean seesPin = !secret || (owner && s.contains(PRS));
    return switch (op.access()) {
      case NONE -> ok;
      case READ_BOARD -> seesBoard ? ok : noBoard;
      case CHANGE_BOARD ->
          !seesBoard ? noBoard : !owner ? forbidden : secret && !s.contains(BWS) ? scope : ok;
      case LIST_PINS -> seesBoard && (!secret || s.contains(PRS)) ? ok : noBoard;
      case ADD_PINS ->
          !seesBoard
              ? noBoard
              : !owner ? forbidden : secret && !(s.contains(BWS) && s.contains(PWS)) ? scope : ok;
      case READ_PIN, SAVE_PIN -> seesPin ? ok : noPin;
      case CHANGE_PIN ->
          !seesPin ? noPin : !owner ? forbidden : secret && !s.contains(PWS) ? scope : ok;
      case READ_CUTOUT -> seesPin ? ok : noObject;
      case DELETE_CUTOUT -> !seesPin ? noObject : !owner ? forbidden : ok;
      case READ_COLLAGE -> !secret || owner ? ok : noObject;
      case CHANGE_COLLAGE -> owner ? ok : noObject;
      case PUBLISH_COLLAGE ->
          // The collage first, then the board it is published onto: its own privacy's.
          !owner
              ? noObject
              : secret && !s.contains(BRS)
                  ? noBoard
                  : secret && !(s.contains(BWS) && s.contains(PWS)) ? scope : ok;
      // Nobody follows their own board; a board one may not see is unknown.
      case FOLLOW_BOARD -> !seesBoard ? noBoard : owner ? new Expected(400, 1) : ok;
      // A board's trail is for those with a role on it: here, its owner.
      case MEMBERS_ONLY -> !seesBoard ? noBoard : !owner ? forbidden : ok;
    };
  }

  private static String defaultTarget(Operation op, Objects of) {
    return switch (op.access()) {
      case NONE -> "";
      case READ_BOARD, CHANGE_BOARD, LIST_PINS, ADD_PINS, FOLLOW_BOARD, MEMBERS_ONLY -> of.board();
      case READ_PIN, CHANGE_PIN, SAVE_PIN -> of.pin();
      case READ_CUTOUT, DELETE_CUTOUT -> of.cutout();
      case READ_COLLAGE, CHANGE_COLLAGE, PUBLISH_COLLAGE -> of.collage();
    };
  }

  // The operations.

  private List<Operation> operations() {
    Map<String, Object> square =
        Map.of("polygon", List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1)));
    return List.of(
        // Boards and sections.
        op(
            "GET /boards/{board_id}",
            Access.READ_BOARD,
            200,
            c -> c.caller().api().get("/v5/boards/" + c.target())),
        op(
            "PATCH /boards/{board_id}",
            Access.CHANGE_BOARD,
            200,
            c ->
                c.caller()
                    .api()
                    .patch("/v5/boards/" + c.target(), Map.of("description", "Changed"))),
        destroying(
            "DELETE /boards/{board_id}",
            Access.CHANGE_BOARD,
            204,
            p -> Pins.board(alice.client(), unique("Doomed"), p.name()),
            c -> c.caller().api().delete("/v5/boards/" + c.target())),
        destroying(
            "POST /boards/{board_id}/merge",
            Access.CHANGE_BOARD,
            200,
            p -> Pins.board(alice.client(), unique("Merged"), p.name()),
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/boards/" + c.target() + "/merge",
                        Map.of("into_board_id", c.objects().board()))),
        op(
            "GET /boards/{board_id}/sections",
            Access.READ_BOARD,
            200,
            c -> c.caller().api().get("/v5/boards/" + c.target() + "/sections")),
        op(
            "POST /boards/{board_id}/sections",
            Access.CHANGE_BOARD,
            201,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/boards/" + c.target() + "/sections", Map.of("name", unique("Part")))),
        op(
            "PATCH /boards/{board_id}/sections/{section_id}",
            Access.CHANGE_BOARD,
            200,
            c ->
                c.caller()
                    .api()
                    .patch(
                        "/v5/boards/" + c.target() + "/sections/" + c.objects().section(),
                        Map.of("name", unique("Renamed")))),
        destroying(
            "DELETE /boards/{board_id}/sections/{section_id}",
            Access.CHANGE_BOARD,
            204,
            p -> Pins.section(alice.client(), objects.get(p).board(), unique("Doomed")),
            c ->
                c.caller()
                    .api()
                    .delete(
                        "/v5/boards/"
                            + c.objects().board()
                            + "/sections/"
                            + (c.target().equals(c.objects().board())
                                ? c.objects().section()
                                : c.target()))),
        op(
            "GET /boards/{board_id}/pins",
            Access.LIST_PINS,
            200,
            c -> c.caller().api().get("/v5/boards/" + c.target() + "/pins")),
        op(
            "GET /boards/{board_id}/sections/{section_id}/pins",
            Access.LIST_PINS,
            200,
            c ->
                c.caller()
                    .api()
                    .get(
                        "/v5/boards/"
                            + c.target()
                            + "/sections/"
                            + c.objects().section()
                            + "/pins")),
        // Pins.
        op(
            "POST /pins",
            Access.ADD_PINS,
            201,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/pins",
                        Map.of(
                            "board_id",
                            c.target(),
                            "media_source",
                            Pins.base64Source(Images.png(8, 8, Color.RED))))),
        op(
            "GET /pins/{pin_id}",
            Access.READ_PIN,
            200,
            c -> c.caller().api().get("/v5/pins/" + c.target())),
        op(
            "PATCH /pins/{pin_id}",
            Access.CHANGE_PIN,
            200,
            c -> c.caller().api().patch("/v5/pins/" + c.target(), Map.of("title", "Changed"))),
        destroying(
            "DELETE /pins/{pin_id}",
            Access.CHANGE_PIN,
            204,
            p -> Pins.create(alice.client(), objects.get(p).board(), Color.GRAY).text("id"),
            c -> c.caller().api().delete("/v5/pins/" + c.target())),
        destroying(
            "POST /pins/bulk",
            Access.CHANGE_PIN,
            200,
            p -> Pins.create(alice.client(), objects.get(p).board(), Color.GRAY).text("id"),
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/pins/bulk",
                        Map.of("action", "DELETE", "pin_ids", List.of(c.target())))),
        op(
            "POST /pins/{pin_id}/save",
            Access.SAVE_PIN,
            201,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/pins/" + c.target() + "/save",
                        Map.of(
                            "board_id",
                            c.caller().kind() == Kind.OTHER
                                ? bobsBoard
                                : objects.get(Privacy.PUBLIC).board()))),
        op(
            "GET /pins/{pin_id}/cutouts",
            Access.READ_PIN,
            200,
            c -> c.caller().api().get("/v5/pins/" + c.target() + "/cutouts")),
        op(
            "GET /pins/{pin_id}/collages",
            Access.READ_PIN,
            200,
            c -> c.caller().api().get("/v5/pins/" + c.target() + "/collages")),
        op(
            "GET /pins/{pin_id}/related",
            Access.READ_PIN,
            200,
            c -> c.caller().api().get("/v5/pins/" + c.target() + "/related")),
        op(
            "POST /cutouts",
            Access.READ_PIN,
            201,
            c -> c.caller().api().post("/v5/cutouts", with(square, "pin_id", c.target()))),
        // Cutouts.
        op(
            "GET /cutouts/{cutout_id}",
            Access.READ_CUTOUT,
            200,
            c -> c.caller().api().get("/v5/cutouts/" + c.target())),
        op(
            "GET /cutouts/{cutout_id}/image",
            Access.READ_CUTOUT,
            200,
            c -> c.caller().api().get("/v5/cutouts/" + c.target() + "/image")),
        destroying(
            "DELETE /cutouts/{cutout_id}",
            Access.DELETE_CUTOUT,
            204,
            p -> cutoutOf(objects.get(p).pin()),
            c -> c.caller().api().delete("/v5/cutouts/" + c.target())),
        // Collages.
        op(
            "GET /collages/{collage_id}",
            Access.READ_COLLAGE,
            200,
            c -> c.caller().api().get("/v5/collages/" + c.target())),
        op(
            "GET /collages/{collage_id}/image",
            Access.READ_COLLAGE,
            200,
            c -> c.caller().api().get("/v5/collages/" + c.target() + "/image?width=64")),
        op(
            "PUT /collages/{collage_id}",
            Access.CHANGE_COLLAGE,
            200,
            c ->
                c.caller()
                    .api()
                    .sendWithHeader(
                        "PUT",
                        "/v5/collages/" + c.target(),
                        "If-Match",
                        alice
                            .client()
                            .get("/v5/collages/" + c.target())
                            .headers()
                            .firstValue("ETag")
                            .orElse("\"v1\""),
                        Json.bytes(collageBody()))),
        destroying(
            "DELETE /collages/{collage_id}",
            Access.CHANGE_COLLAGE,
            204,
            this::publishedCollage,
            c -> c.caller().api().delete("/v5/collages/" + c.target())),
        op(
            "POST /collages/{collage_id}/publish",
            Access.PUBLISH_COLLAGE,
            201,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/collages/" + c.target() + "/publish",
                        Map.of("board_id", c.objects().board()))),
        op(
            "POST /collages/{collage_id}/remix",
            Access.READ_COLLAGE,
            201,
            c -> c.caller().api().post("/v5/collages/" + c.target() + "/remix", Map.of())),
        // Group boards. Alice's boards have Carol invited; invitations to accept or decline are
        // Carol's, to the caller.
        destroying(
            "POST /boards/{board_id}/collaborators",
            Access.CHANGE_BOARD,
            201,
            p -> objects.get(p).board(),
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/boards/" + c.target() + "/collaborators",
                        Map.of("username", Users.signUp().username(), "role", "VIEWER"))),
        op(
            "GET /boards/{board_id}/collaborators",
            Access.READ_BOARD,
            200,
            c -> c.caller().api().get("/v5/boards/" + c.target() + "/collaborators")),
        op(
            "PATCH /boards/{board_id}/collaborators/{username}",
            Access.CHANGE_BOARD,
            200,
            c ->
                c.caller()
                    .api()
                    .patch(
                        "/v5/boards/" + c.target() + "/collaborators/" + carol.username(),
                        Map.of("role", "VIEWER"))),
        destroying(
            "DELETE /boards/{board_id}/collaborators/{username}",
            Access.CHANGE_BOARD,
            204,
            p -> objects.get(p).board() + "/collaborators/" + invitedTo(objects.get(p).board()),
            c ->
                c.caller()
                    .api()
                    .delete(
                        "/v5/boards/"
                            + (c.target().contains("/")
                                ? c.target()
                                : c.target() + "/collaborators/" + carol.username()))),
        destroying(
            "POST /boards/{board_id}/owner",
            Access.CHANGE_BOARD,
            200,
            p -> {
              String board = Pins.board(alice.client(), unique("Handed"), p.name());
              return board + " " + editorOf(board);
            },
            c -> {
              String[] target = c.target().split(" ");
              String heir = target.length > 1 ? target[1] : carol.username();
              return c.caller()
                  .api()
                  .post("/v5/boards/" + target[0] + "/owner", Map.of("username", heir));
            }),
        op(
            "GET /user_account/invitations",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/user_account/invitations")),
        op(
            "POST /user_account/invitations/{board_id}/accept",
            Access.NONE,
            200,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/user_account/invitations/" + carolsInvitation(c.caller()) + "/accept",
                        Map.of())),
        op(
            "POST /user_account/invitations/{board_id}/decline",
            Access.NONE,
            204,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/user_account/invitations/" + carolsInvitation(c.caller()) + "/decline",
                        Map.of())),
        op(
            "GET /boards/{board_id}/activity",
            Access.MEMBERS_ONLY,
            200,
            c -> c.caller().api().get("/v5/boards/" + c.target() + "/activity")),
        destroying(
            "POST /boards/{board_id}/archive",
            Access.CHANGE_BOARD,
            200,
            p -> Pins.board(alice.client(), unique("Archived"), p.name()),
            c -> c.caller().api().post("/v5/boards/" + c.target() + "/archive", Map.of())),
        op(
            "DELETE /boards/{board_id}/archive",
            Access.CHANGE_BOARD,
            200,
            c -> c.caller().api().delete("/v5/boards/" + c.target() + "/archive")),
        // Manual order.
        op(
            "POST /boards/{board_id}/pins/order",
            Access.CHANGE_BOARD,
            200,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/boards/" + c.target() + "/pins/order",
                        java.util.Collections.singletonMap("pin_id", c.objects().pin()))),
        op(
            "POST /boards/{board_id}/sections/order",
            Access.CHANGE_BOARD,
            200,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/boards/" + c.target() + "/sections/order",
                        java.util.Collections.singletonMap("section_id", c.objects().section()))),
        op(
            "POST /user_account/boards/order",
            Access.NONE,
            200,
            c ->
                c.caller()
                    .api()
                    .post(
                        "/v5/user_account/boards/order",
                        Map.of(
                            "board_id",
                            c.caller().kind() == Kind.OTHER
                                ? bobsBoard
                                : objects.get(Privacy.PUBLIC).board()))),
        // Follows.
        op(
            "PUT /boards/{board_id}/follow",
            Access.FOLLOW_BOARD,
            200,
            c -> c.caller().api().put("/v5/boards/" + c.target() + "/follow")),
        op(
            "DELETE /boards/{board_id}/follow",
            Access.FOLLOW_BOARD,
            204,
            c -> c.caller().api().delete("/v5/boards/" + c.target() + "/follow")),
        op(
            "GET /boards/{board_id}/followers",
            Access.READ_BOARD,
            200,
            c -> c.caller().api().get("/v5/boards/" + c.target() + "/followers")),
        op(
            "GET /boards/{board_id}/ideas",
            Access.READ_BOARD,
            200,
            c -> c.caller().api().get("/v5/boards/" + c.target() + "/ideas")),
        op(
            "POST /user_account/following/{username}",
            Access.NONE,
            200,
            c -> c.caller().api().post("/v5/user_account/following/" + carol.username(), Map.of())),
        op(
            "DELETE /user_account/following/{username}",
            Access.NONE,
            204,
            c -> c.caller().api().delete("/v5/user_account/following/" + carol.username())),
        op(
            "GET /user_account/following",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/user_account/following")),
        op(
            "GET /user_account/followers",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/user_account/followers")),
        op(
            "GET /user_account/following/boards",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/user_account/following/boards")),
        op(
            "GET /users/{username}",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/users/" + alice.username())),
        op(
            "GET /users/{username}/boards",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/users/" + alice.username() + "/boards")),
        // The home feed.
        op("GET /feed", Access.NONE, 200, c -> c.caller().api().get("/v5/feed")),
        // The caller's own.
        op("GET /boards", Access.NONE, 200, c -> c.caller().api().get("/v5/boards")),
        op(
            "POST /boards",
            Access.NONE,
            201,
            c -> c.caller().api().post("/v5/boards", Map.of("name", unique("Made")))),
        op("GET /pins", Access.NONE, 200, c -> c.caller().api().get("/v5/pins")),
        // Search: the caller's own pins (by the ids of Alice's public and secret pins) and boards,
        // and everybody's public ones.
        op(
            "GET /search/pins",
            Access.NONE,
            200,
            c ->
                c.caller()
                    .api()
                    .get(
                        "/v5/search/pins?query="
                            + objects.get(Privacy.PUBLIC).pin()
                            + ","
                            + objects.get(Privacy.SECRET).pin())),
        op(
            "GET /search/boards",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/search/boards?query=board")),
        op(
            "GET /search/public/pins",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/search/public/pins?query=board")),
        op(
            "GET /search/public/boards",
            Access.NONE,
            200,
            c -> c.caller().api().get("/v5/search/public/boards?query=board")),
        op("GET /user_account", Access.NONE, 200, c -> c.caller().api().get("/v5/user_account")),
        op("GET /collages", Access.NONE, 200, c -> c.caller().api().get("/v5/collages")),
        op(
            "POST /collages",
            Access.NONE,
            201,
            c -> c.caller().api().post("/v5/collages", collageBody())),
        op("GET /tokens", Access.NONE, 200, c -> c.caller().api().get("/v5/tokens")),
        op(
            "DELETE /tokens/{token_id}",
            Access.NONE,
            204,
            c -> c.caller().api().delete("/v5/tokens/" + spareToken(c.caller()))),
        op("GET /oauth/apps", Access.NONE, 200, c -> c.caller().api().get("/v5/oauth/apps")),
        op(
            "POST /oauth/apps",
            Access.NONE,
            201,
            c -> c.caller().api().post("/v5/oauth/apps", appBody())),
        op(
            "DELETE /oauth/apps/{client_id}",
            Access.NONE,
            204,
            c -> c.caller().api().delete("/v5/oauth/apps/" + spareApp(c.caller()))));
  }

  private static Map<String, Object> appBody() {
    return Map.of("name", "Matrix app", "redirect_uris", List.of("https://app.example/cb"));
  }

  /** An app of the caller's own account (any id, for callers without one) to delete. */
  private String spareApp(Caller caller) {
    return spare(caller, "/v5/oauth/apps", appBody(), "client_id");
  }

  private static Operation op(
      String key, Access access, int success, Function<Cell, Api.Response> send) {
    return new Operation(key, access, success, null, send);
  }

  private static Operation destroying(
      String key,
      Access access,
      int success,
      Function<Privacy, String> fresh,
      Function<Cell, Api.Response> send) {
    return new Operation(key, access, success, fresh, send);
  }

  // The callers.

  private List<Caller> callers() {
    List<Caller> callers = new ArrayList<>();
    callers.add(new Caller("owner", Kind.OWNER, Set.copyOf(Users.ALL_SCOPES), alice.client()));
    for (String missing : Users.ALL_SCOPES) {
      Set<String> scopes = new HashSet<>(Users.ALL_SCOPES);
      scopes.remove(missing);
      callers.add(
          new Caller(
              "owner without " + missing,
              Kind.OWNER,
              Set.copyOf(scopes),
              alice.withScopes(scopes.toArray(String[]::new))));
    }
    callers.add(new Caller("another user", Kind.OTHER, Set.copyOf(Users.ALL_SCOPES), bob.client()));
    callers.add(new Caller("no token", Kind.ANONYMOUS, Set.of(), Api.anonymous()));
    Api.Response issued =
        alice
            .withPassword()
            .post("/v5/tokens", Map.of("name", "revoked", "scopes", Users.ALL_SCOPES));
    assertThat(alice.withPassword().delete("/v5/tokens/" + issued.text("id")).status())
        .isEqualTo(204);
    callers.add(
        new Caller(
            "revoked token",
            Kind.REVOKED,
            Set.copyOf(Users.ALL_SCOPES),
            Api.anonymous().bearer(issued.text("access_token"))));
    callers.add(
        new Caller(
            "unknown token",
            Kind.UNKNOWN_TOKEN,
            Set.copyOf(Users.ALL_SCOPES),
            Api.anonymous().bearer("cbk_" + "0".repeat(40))));
    return callers;
  }

  /** A token of the caller's own account (any, for callers without one) to delete. */
  private String spareToken(Caller caller) {
    return spare(
        caller, "/v5/tokens", Map.of("name", "spare", "scopes", List.of("pins:read")), "id");
  }

  /**
   * The id (in {@code field} of the answer) of something made with the password of the caller's own
   * account by posting {@code body} to {@code path}; any id for callers without an account.
   */
  private String spare(Caller caller, String path, Map<String, Object> body, String field) {
    Users.User owner = caller.kind() == Kind.OTHER ? bob : alice;
    if (caller.kind() != Kind.OWNER && caller.kind() != Kind.OTHER) {
      return "1";
    }
    return owner.withPassword().post(path, body).text(field);
  }

  // The objects.

  private Objects objectsOf(Privacy privacy) {
    String board = Pins.board(alice.client(), unique(privacy + " board"), privacy.name());
    String section = Pins.section(alice.client(), board, unique("Section"));
    Color color = privacy == Privacy.PUBLIC ? Color.GREEN : Color.MAGENTA;
    String pin = Pins.create(alice.client(), board, Images.png(64, 48, color)).text("id");
    JsonNode settled = Pins.awaitSettled(alice.client(), pin);
    String url = settled.path("media").path("images").path("150x150").path("url").asText();
    String sha256 = url.replaceAll(".*/media/([0-9a-f]{64})/.*", "$1");
    assertThat(sha256).as(url).hasSize(64);
    String cutout = cutoutOf(pin);
    Api.Response invited =
        alice
            .client()
            .post(
                "/v5/boards/" + board + "/collaborators",
                Map.of("username", carol.username(), "role", "VIEWER"));
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    Objects partial = new Objects(board, section, pin, cutout, "", sha256);
    objects.put(privacy, partial);
    return new Objects(board, section, pin, cutout, publishedCollage(privacy), sha256);
  }

  /** Invites a new account to Alice's board as a viewer and answers its username. */
  private String invitedTo(String board) {
    return invitee(board, "VIEWER").username();
  }

  /** A new account that joined Alice's board as an editor; answers its username. */
  private String editorOf(String board) {
    Users.User editor = invitee(board, "EDITOR");
    Api.Response accepted =
        editor.client().post("/v5/user_account/invitations/" + board + "/accept", Map.of());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    return editor.username();
  }

  /** Invites a new account to Alice's board with the role and answers it. */
  private Users.User invitee(String board, String role) {
    Users.User invitee = Users.signUp();
    Api.Response invited =
        alice
            .client()
            .post(
                "/v5/boards/" + board + "/collaborators",
                Map.of("username", invitee.username(), "role", role));
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    return invitee;
  }

  /** A new board of Carol's to which she invited the caller's account; answers its id. */
  private String carolsInvitation(Caller caller) {
    String board = Pins.board(carol.client(), unique("Carol's group"));
    String invitee = caller.kind() == Kind.OTHER ? bob.username() : alice.username();
    Api.Response invited =
        carol
            .client()
            .post(
                "/v5/boards/" + board + "/collaborators",
                Map.of("username", invitee, "role", "VIEWER"));
    assertThat(invited.status()).as(invited.body()).isEqualTo(201);
    return board;
  }

  private String cutoutOf(String pin) {
    return Pins.cutout(alice.client(), pin);
  }

  /** A collage of the public pin, published onto the board of that privacy. */
  private String publishedCollage(Privacy privacy) {
    Api.Response created = alice.client().post("/v5/collages", collageBody());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.text("id");
    Api.Response published =
        alice
            .client()
            .post(
                "/v5/collages/" + id + "/publish",
                Map.of("board_id", objects.get(privacy).board()));
    assertThat(published.status()).as(published.body()).isEqualTo(201);
    return id;
  }

  private Map<String, Object> collageBody() {
    return Map.of(
        "title",
        "Matrix",
        "canvas",
        Map.of("width", 160, "height", 120, "background_color", "#FFFFFF"),
        "items",
        List.of(
            Map.of("type", "pin", "pin_id", objects.get(Privacy.PUBLIC).pin(), "x", 80, "y", 60)));
  }

  private String publishedPinOf(String collage) {
    String pin =
        alice
            .client()
            .get("/v5/collages/" + collage)
            .json()
            .path("published")
            .path("pin_id")
            .asText();
    assertThat(pin).isNotEmpty();
    return pin;
  }

  /** Counts shown through a token without the secret scopes leave out what it may not list. */
  private void checkCounts(List<Caller> callers) {
    List<JsonNode> boards = new ArrayList<>();
    String bookmark = "";
    do {
      JsonNode page =
          alice
              .client()
              .get(
                  "/v5/boards?include_archived=true&page_size=250"
                      + (bookmark.isEmpty() ? "" : "&bookmark=" + bookmark))
              .json();
      // Her own boards, archived ones too; the group boards she joined are others'.
      page.path("items")
          .forEach(
              b -> {
                if (b.path("owner").path("username").asText().equals(alice.username())) {
                  boards.add(b);
                }
              });
      bookmark = page.path("bookmark").isNull() ? "" : page.path("bookmark").asText();
    } while (!bookmark.isEmpty());
    int allBoards = boards.size();
    int publicBoards =
        (int) boards.stream().filter(b -> b.path("privacy").asText().equals("PUBLIC")).count();
    int allPins = boards.stream().mapToInt(b -> b.path("pin_count").asInt()).sum();
    int publicPins =
        boards.stream()
            .filter(b -> b.path("privacy").asText().equals("PUBLIC"))
            .mapToInt(b -> b.path("pin_count").asInt())
            .sum();
    for (Caller caller : callers) {
      if (caller.kind() != Kind.OWNER || !caller.scopes().contains("user_accounts:read")) {
        continue;
      }
      JsonNode me = caller.api().get("/v5/user_account").json();
      int expectedBoards = caller.scopes().contains(BRS) ? allBoards : publicBoards;
      int expectedPins =
          caller.scopes().contains(BRS) && caller.scopes().contains(PRS) ? allPins : publicPins;
      leakChecks++;
      if (me.path("board_count").asInt() != expectedBoards
          || me.path("pin_count").asInt() != expectedPins) {
        leaks.add(
            "user_account as "
                + caller.name()
                + " counts "
                + me.path("board_count")
                + " boards and "
                + me.path("pin_count")
                + " pins, expected "
                + expectedBoards
                + " and "
                + expectedPins);
      }
    }
  }

  /** No refused request changed anything: every object of the matrix is still there. */
  private void everyObjectStillExists() {
    for (Objects of : objects.values()) {
      Api owner = alice.client();
      assertThat(owner.get("/v5/boards/" + of.board()).status()).isEqualTo(200);
      assertThat(owner.get("/v5/boards/" + of.board() + "/sections").body()).contains(of.section());
      assertThat(owner.get("/v5/pins/" + of.pin()).status()).isEqualTo(200);
      assertThat(owner.get("/v5/cutouts/" + of.cutout()).status()).isEqualTo(200);
      assertThat(owner.get("/v5/collages/" + of.collage()).status()).isEqualTo(200);
    }
  }

  // The served description.

  private static JsonNode document() {
    return Api.anonymous().get("/v5/openapi.json").json();
  }

  private static Set<String> bearerOperations() {
    Set<String> keys = new TreeSet<>();
    document()
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method -> {
                          if (Set.of("get", "post", "put", "patch", "delete")
                              .contains(method.getKey())) {
                            keys.add(
                                method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    keys.removeAll(NOT_BEARER);
    return keys;
  }

  /** The scopes the served description lists for an operation's bearer token. */
  private static Set<String> listedScopes(String key) {
    String[] parts = key.split(" ", 2);
    JsonNode security =
        document()
            .path("paths")
            .path(parts[1])
            .path(parts[0].toLowerCase(Locale.ROOT))
            .path("security");
    Set<String> scopes = new HashSet<>();
    security.forEach(
        requirement -> requirement.path("pinterest_oauth2").forEach(s -> scopes.add(s.asText())));
    return scopes;
  }

  private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(body);
    copy.put(key, value);
    return copy;
  }

  private static String unique(String name) {
    return name + " " + NAMES.incrementAndGet();
  }

  private static String abbreviated(String body) {
    return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "..." : body;
  }
}
