package dev.corkboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real objects a fuzzed request names: two accounts, each with a public and a secret board, a
 * section, pins, a cutout and a collage of each kind, plus tokens of few scopes and dead tokens. An
 * operation that changes or deletes an object gets an expendable copy, made on first use and made
 * again once deleted, so that the objects every other request names stay as they were.
 */
final class FuzzFixtures {

  /** The kinds of object an id can name, by the parameter or field that carries it. */
  enum Kind {
    BOARD,
    SECTION,
    PIN,
    CUTOUT,
    COLLAGE,
    TOKEN,
    APP;

    /** The kind an id parameter or body field names, if any. */
    static java.util.Optional<Kind> of(String name) {
      return java.util.Optional.ofNullable(
          switch (name) {
            case "board_id", "into_board_id" -> BOARD;
            case "section_id", "board_section_id" -> SECTION;
            case "pin_id", "parent_pin_id", "pin_ids" -> PIN;
            case "cutout_id" -> CUTOUT;
            case "collage_id" -> COLLAGE;
            case "token_id" -> TOKEN;
            case "client_id" -> APP;
            default -> null;
          });
    }
  }

  /** Whose object a request names. */
  enum Owner {
    /** The account whose tokens most requests carry. */
    OWNER,
    /** Another account. */
    OTHER
  }

  /**
   * One fixture: a kind, whose it is, and whether it is secret. A secret section, pin or cutout is
   * on a secret board; a collage that is not secret has been published, a secret one is a draft.
   */
  record Ref(Kind kind, Owner owner, boolean secret) {}

  private final Map<Owner, Users.User> users = new EnumMap<>(Owner.class);
  private final Map<Ref, String> stable = new HashMap<>();
  private final Map<Ref, String> expendable = new HashMap<>();
  private final List<String> fewScopeTokens = new ArrayList<>();
  private final String revokedToken;
  private final byte[] png = Images.png(16, 16, Color.ORANGE);
  private final Map<String, String> etags = new HashMap<>();
  private int made;
  private long makingNanos;

  FuzzFixtures(Api anonymous) {
    users.put(Owner.OWNER, Users.signUp(anonymous));
    users.put(Owner.OTHER, Users.signUp(anonymous));
    for (Owner owner : Owner.values()) {
      for (boolean secret : new boolean[] {false, true}) {
        for (Kind kind : List.of(Kind.BOARD, Kind.SECTION, Kind.PIN)) {
          Ref ref = new Ref(kind, owner, secret);
          stable.put(ref, make(ref));
        }
        // Lists long enough to page: a bookmark shows up from page sizes of one or two.
        Api api = client(owner);
        Pins.createInSection(
            api, id(new Ref(Kind.BOARD, owner, secret)), id(new Ref(Kind.SECTION, owner, secret)));
        Pins.create(api, id(new Ref(Kind.BOARD, owner, secret)), png);
        Pins.section(api, id(new Ref(Kind.BOARD, owner, secret)), "Second");
        Pins.awaitSettled(api, id(new Ref(Kind.PIN, owner, secret)));
        for (Kind kind : List.of(Kind.CUTOUT, Kind.COLLAGE)) {
          Ref ref = new Ref(kind, owner, secret);
          stable.put(ref, make(ref));
        }
      }
    }
    Users.User owner = users.get(Owner.OWNER);
    for (List<String> scopes :
        List.of(
            List.of("boards:read"),
            List.of("pins:read"),
            List.of("user_accounts:read"),
            List.of("boards:read", "boards:write"),
            List.of("pins:read", "pins:write", "boards:read"),
            Users.PUBLIC_SCOPES)) {
      fewScopeTokens.add(owner.issueToken(scopes));
    }
    Api.Response issued =
        owner
            .withPassword()
            .post("/v5/tokens", Map.of("name", "revoked", "scopes", List.of("boards:read")));
    revokedToken = issued.text("access_token");
    Api.Response revoked = owner.client().delete("/v5/tokens/" + issued.text("id"));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
  }

  /** The account of an owner. */
  Users.User user(Owner owner) {
    return users.get(owner);
  }

  /** The all-scopes token of an owner. */
  String token(Owner owner) {
    return users.get(owner).token();
  }

  /** Tokens of the owner that lack some scope. */
  List<String> fewScopeTokens() {
    return fewScopeTokens;
  }

  /** A token that was issued and then revoked. */
  String revokedToken() {
    return revokedToken;
  }

  /** A small PNG that pins may carry. */
  byte[] png() {
    return png;
  }

  /** The id of a stable fixture. */
  String id(Ref ref) {
    String id = stable.get(ref);
    if (id == null) {
      // Tokens have no stable fixture: every operation on one revokes it.
      return expendable(ref);
    }
    return id;
  }

  /** The id of an expendable copy, made now if there is none. */
  String expendable(Ref ref) {
    return expendable.computeIfAbsent(ref, this::make);
  }

  /** Forgets an expendable copy that a request deleted, so the next request gets a new one. */
  void deleted(Ref ref) {
    expendable.remove(ref);
  }

  /** The last ETag seen for a collage; one it never had if none was seen. */
  String collageEtag(String collageId) {
    return etags.getOrDefault(collageId, "\"v0\"");
  }

  /** Remembers the ETag an answer gave a collage. */
  void collageEtag(String collageId, String etag) {
    etags.put(collageId, etag);
  }

  /** How many objects were made, stable and expendable. */
  int made() {
    return made;
  }

  /** How long making them took, in seconds. */
  double makingSeconds() {
    return makingNanos / 1e9;
  }

  private Api client(Owner owner) {
    return users.get(owner).client();
  }

  private String make(Ref ref) {
    long start = System.nanoTime();
    try {
      return makeNow(ref);
    } finally {
      makingNanos += System.nanoTime() - start;
    }
  }

  private String makeNow(Ref ref) {
    made++;
    Api api = client(ref.owner());
    String name = (stable.containsKey(ref) ? "Expendable " : "Fixture ") + made;
    return switch (ref.kind()) {
      case BOARD -> Pins.board(api, name, ref.secret() ? "SECRET" : "PUBLIC");
      case SECTION -> Pins.section(api, id(new Ref(Kind.BOARD, ref.owner(), ref.secret())), name);
      case PIN ->
          Pins.create(api, id(new Ref(Kind.BOARD, ref.owner(), ref.secret())), png).text("id");
      case CUTOUT ->
          created(
              api.post(
                  "/v5/cutouts",
                  Map.of(
                      "pin_id",
                      id(new Ref(Kind.PIN, ref.owner(), ref.secret())),
                      "polygon",
                      List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1)))));
      case COLLAGE -> collage(api, ref, name);
      case TOKEN ->
          created(
              users
                  .get(ref.owner())
                  .withPassword()
                  .post("/v5/tokens", Map.of("name", name, "scopes", List.of("boards:read"))));
      case APP ->
          users
              .get(ref.owner())
              .withPassword()
              .post(
                  "/v5/oauth/apps",
                  Map.of("name", name, "redirect_uris", List.of("https://app.example/cb")))
              .text("client_id");
    };
  }

  private String collage(Api api, Ref ref, String name) {
    String pin = id(new Ref(Kind.PIN, ref.owner(), false));
    Api.Response collage =
        api.post(
            "/v5/collages",
            Map.of(
                "title",
                name,
                "canvas",
                Map.of("width", 100, "height", 100),
                "items",
                List.of(Map.of("type", "pin", "pin_id", pin, "x", 50, "y", 50))));
    String id = created(collage);
    collage.headers().firstValue("ETag").ifPresent(etag -> etags.put(id, etag));
    if (!ref.secret()) {
      created(
          api.post(
              "/v5/collages/" + id + "/publish",
              Map.of("board_id", id(new Ref(Kind.BOARD, ref.owner(), false)))));
    }
    return id;
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.text("id");
  }
}
