package dev.corkboard.board;

import dev.corkboard.platform.api.Role;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.JsonBody;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.List;

/**
 * The routes of group boards (extensions): a board's collaborators and invitations, the caller's
 * invitations, a board's audit trail, handing a board to a new owner, and archiving.
 */
public final class CollaboratorRoutes {

  private static final List<Scope> READ = List.of(Scope.BOARDS_READ);
  private static final List<Scope> WRITE = List.of(Scope.BOARDS_READ, Scope.BOARDS_WRITE);
  private static final String BOARD = "/v5/boards/{board_id}";
  private static final String MEMBER = BOARD + "/collaborators/{username}";
  private static final String INVITATIONS = "/v5/user_account/invitations";
  private static final Role[] INVITABLE = {Role.EDITOR, Role.CONTRIBUTOR, Role.VIEWER};

  private final CollaboratorService service;

  public CollaboratorRoutes(CollaboratorService service) {
    this.service = service;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.extension("POST", BOARD + "/collaborators", Auth.BEARER, WRITE, this::invite),
        Route.extension("GET", BOARD + "/collaborators", Auth.BEARER, READ, this::list),
        Route.extension("PATCH", MEMBER, Auth.BEARER, WRITE, this::changeRole),
        Route.extension("DELETE", MEMBER, Auth.BEARER, WRITE, this::remove),
        Route.extension("GET", INVITATIONS, Auth.BEARER, READ, this::invitations),
        Route.extension(
            "POST", INVITATIONS + "/{board_id}/accept", Auth.BEARER, WRITE, this::accept),
        Route.extension(
            "POST", INVITATIONS + "/{board_id}/decline", Auth.BEARER, WRITE, this::decline),
        Route.extension("GET", BOARD + "/activity", Auth.BEARER, READ, this::activity),
        Route.extension("POST", BOARD + "/owner", Auth.BEARER, WRITE, this::transfer),
        Route.extension("POST", BOARD + "/archive", Auth.BEARER, WRITE, this::archive),
        Route.extension("DELETE", BOARD + "/archive", Auth.BEARER, WRITE, this::unarchive));
  }

  private void invite(Call call) {
    long boardId = boardId(call);
    JsonBody body = call.body();
    String username = body.requiredString("username");
    Role role = requiredRole(body);
    call.created(CollaboratorJson.of(service.invite(call.principal(), boardId, username, role)));
  }

  private void list(Call call) {
    call.page(
        service
            .listCollaborators(call.principal(), boardId(call), call.page())
            .map(CollaboratorJson::of));
  }

  private void changeRole(Call call) {
    long boardId = boardId(call);
    String username = call.pathText("username");
    Role role = requiredRole(call.body());
    call.ok(CollaboratorJson.of(service.changeRole(call.principal(), boardId, username, role)));
  }

  private void transfer(Call call) {
    long boardId = boardId(call);
    String username = call.body().requiredString("username");
    call.ok(BoardJson.of(service.transfer(call.principal(), boardId, username), call.principal()));
  }

  private void remove(Call call) {
    service.remove(call.principal(), boardId(call), call.pathText("username"));
    call.noContent();
  }

  private void invitations(Call call) {
    call.page(service.listInvitations(call.principal(), call.page()).map(CollaboratorJson::of));
  }

  private void accept(Call call) {
    long boardId = call.pathId("board_id", Unknown.INVITATION);
    call.ok(BoardJson.of(service.accept(call.principal(), boardId), call.principal()));
  }

  private void decline(Call call) {
    service.decline(call.principal(), call.pathId("board_id", Unknown.INVITATION));
    call.noContent();
  }

  private void activity(Call call) {
    call.page(
        service
            .listActivity(call.principal(), boardId(call), call.page())
            .map(CollaboratorJson::of));
  }

  private void archive(Call call) {
    call.ok(BoardJson.of(service.archive(call.principal(), boardId(call), true), call.principal()));
  }

  private void unarchive(Call call) {
    call.ok(
        BoardJson.of(service.archive(call.principal(), boardId(call), false), call.principal()));
  }

  private static Role requiredRole(JsonBody body) {
    body.requiredString("role");
    return body.enumValue("role", Role.class, INVITABLE).orElseThrow();
  }

  private static long boardId(Call call) {
    return call.pathId("board_id", Unknown.BOARD);
  }
}
