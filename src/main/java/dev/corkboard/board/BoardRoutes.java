package dev.corkboard.board;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.ListOrder;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.JsonBody;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The v5 routes of boards and board sections, and the extensions that put sections and the caller's
 * boards in manual order.
 */
public final class BoardRoutes {

  private static final List<Scope> READ = List.of(Scope.BOARDS_READ);
  private static final List<Scope> WRITE = List.of(Scope.BOARDS_READ, Scope.BOARDS_WRITE);
  private static final String BOARD = "/v5/boards/{board_id}";
  private static final String SECTION = BOARD + "/sections/{section_id}";

  private final BoardService service;

  public BoardRoutes(BoardService service) {
    this.service = service;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.v5("POST", "/v5/boards", "boards/create", WRITE, this::create),
        Route.v5("GET", "/v5/boards", "boards/list", READ, this::list),
        Route.v5("GET", BOARD, "boards/get", READ, this::get),
        Route.v5("PATCH", BOARD, "boards/update", WRITE, this::update),
        Route.v5("DELETE", BOARD, "boards/delete", WRITE, this::delete),
        Route.extension("POST", BOARD + "/merge", Route.Auth.BEARER, WRITE, this::merge),
        Route.v5("GET", BOARD + "/sections", "board_sections/list", READ, this::listSections),
        Route.v5("POST", BOARD + "/sections", "board_sections/create", WRITE, this::createSection),
        Route.v5("PATCH", SECTION, "board_sections/update", WRITE, this::updateSection),
        Route.v5("DELETE", SECTION, "board_sections/delete", WRITE, this::deleteSection),
        Route.extension("POST", BOARD + "/sections/order", Auth.BEARER, WRITE, this::moveSection),
        Route.extension(
            "POST", "/v5/user_account/boards/order", Auth.BEARER, WRITE, this::moveBoard));
  }

  private void create(Call call) {
    JsonBody body = call.body();
    String name = body.requiredString("name");
    String description = body.string("description").orElse("");
    BoardPrivacy privacy =
        body.enumValue("privacy", BoardPrivacy.class, BoardPrivacy.values())
            .orElse(BoardPrivacy.PUBLIC);
    if (body.bool("is_ads_only").orElse(false)) {
      throw new ApiException.InvalidInput(
          "is_ads_only boards are not supported; omit is_ads_only.");
    }
    call.created(
        BoardJson.of(
            service.createBoard(call.principal(), name, description, privacy), call.principal()));
  }

  private void list(Call call) {
    BoardPrivacyFilter filter =
        call.queryEnum("privacy", BoardPrivacyFilter.values()).orElse(BoardPrivacyFilter.ALL);
    boolean archived = call.queryBoolean("include_archived").orElse(false);
    call.page(
        service
            .listBoards(
                call.principal(), filter, archived, sort(call, ListOrder.NEWEST), call.page())
            .map(b -> BoardJson.of(b, call.principal())));
  }

  private void get(Call call) {
    call.ok(BoardJson.of(service.board(call.principal(), boardId(call)), call.principal()));
  }

  private void update(Call call) {
    long boardId = boardId(call);
    JsonBody body = call.body();
    Optional<String> name = body.string("name");
    if (body.isNull("name")) {
      throw new ApiException.InvalidInput("name must be a string, not null.");
    }
    Optional<String> description =
        body.isNull("description") ? Optional.of("") : body.string("description");
    Optional<BoardPrivacy> privacy =
        body.enumValue("privacy", BoardPrivacy.class, BoardPrivacy.UPDATABLE);
    call.ok(
        BoardJson.ofUpdate(
            service.updateBoard(
                call.principal(), boardId, new BoardChanges(name, description, privacy)),
            call.principal()));
  }

  private void delete(Call call) {
    service.deleteBoard(call.principal(), boardId(call));
    call.noContent();
  }

  private void merge(Call call) {
    long boardId = boardId(call);
    JsonBody body = call.body();
    if (!body.has("into_board_id") || body.isNull("into_board_id")) {
      throw new ApiException.InvalidInput(
          "into_board_id is required: the board this board's pins, sections and followers join.");
    }
    long intoId = body.requiredId("into_board_id");
    call.ok(BoardJson.of(service.mergeBoard(call.principal(), boardId, intoId), call.principal()));
  }

  private void listSections(Call call) {
    call.page(
        service
            .listSections(
                call.principal(), boardId(call), sort(call, ListOrder.OLDEST), call.page())
            .map(SectionJson::of));
  }

  private void moveSection(Call call) {
    long boardId = boardId(call);
    JsonBody body = call.body();
    long sectionId = requiredId(body, "section_id");
    OptionalLong after = after(body);
    service.moveSection(call.principal(), boardId, sectionId, after);
    call.ok(new SectionOrderJson(Long.toString(sectionId), text(after)));
  }

  private void moveBoard(Call call) {
    JsonBody body = call.body();
    long boardId = requiredId(body, "board_id");
    OptionalLong after = after(body);
    service.moveBoard(call.principal(), boardId, after);
    call.ok(new BoardOrderJson(Long.toString(boardId), text(after)));
  }

  private void createSection(Call call) {
    long boardId = boardId(call);
    String name = call.body().requiredString("name");
    call.created(SectionJson.of(service.createSection(call.principal(), boardId, name)));
  }

  private void updateSection(Call call) {
    long boardId = boardId(call);
    long sectionId = sectionId(call);
    String name = call.body().requiredString("name");
    call.ok(SectionJson.of(service.renameSection(call.principal(), boardId, sectionId, name)));
  }

  private void deleteSection(Call call) {
    long boardId = boardId(call);
    long sectionId = sectionId(call);
    service.deleteSection(call.principal(), boardId, sectionId);
    call.noContent();
  }

  /**
   * The {@code sort} of a list: {@code byDefault} (newest first, or for sections the order they
   * were made in) or {@code custom}, the manual order.
   */
  private static ListOrder sort(Call call, ListOrder byDefault) {
    return ListOrder.parse(call.query("sort"), byDefault, List.of(byDefault, ListOrder.CUSTOM));
  }

  /** A required id field of a move's body: 400 naming it when absent or null. */
  static long requiredId(JsonBody body, String field) {
    if (!body.has(field) || body.isNull(field)) {
      throw new ApiException.InvalidInput(field + " is required: a string of digits.");
    }
    return body.requiredId(field);
  }

  /** The {@code after} field of a move's body: empty (first) when absent or null. */
  static OptionalLong after(JsonBody body) {
    return body.optionalId("after");
  }

  private static @Nullable String text(OptionalLong id) {
    return id.isPresent() ? Long.toString(id.getAsLong()) : null;
  }

  private static long boardId(Call call) {
    return call.pathId("board_id", Unknown.BOARD);
  }

  private static long sectionId(Call call) {
    return call.pathId("section_id", Unknown.SECTION);
  }
}
