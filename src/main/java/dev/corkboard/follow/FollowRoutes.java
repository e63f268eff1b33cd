package dev.corkboard.follow;

import dev.corkboard.account.AccountJson;
import dev.corkboard.board.BoardJson;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.Route.Auth;
import java.util.List;

/**
 * The routes of follows: v5 {@code follow_user/update}, {@code user_following/get}, {@code
 * followers/list} and {@code boards_user_follows/list}, and the extensions that unfollow, follow
 * boards and show public profiles.
 */
public final class FollowRoutes {

  private static final List<Scope> READ = List.of(Scope.USER_ACCOUNTS_READ);
  private static final List<Scope> WRITE = List.of(Scope.USER_ACCOUNTS_WRITE);
  private static final List<Scope> FOLLOW_BOARD =
      List.of(Scope.BOARDS_READ, Scope.USER_ACCOUNTS_WRITE);
  private static final String FOLLOWING = "/v5/user_account/following";
  private static final String BOARD = "/v5/boards/{board_id}";
  private static final String USER = "/v5/users/{username}";

  private final FollowService service;

  public FollowRoutes(FollowService service) {
    this.service = service;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.v5("POST", FOLLOWING + "/{username}", "follow_user/update", WRITE, this::followUser),
        Route.extension(
            "DELETE", FOLLOWING + "/{username}", Auth.BEARER, WRITE, this::unfollowUser),
        Route.v5("GET", FOLLOWING, "user_following/get", READ, this::following),
        Route.v5("GET", "/v5/user_account/followers", "followers/list", READ, this::followers),
        Route.v5(
            "GET", FOLLOWING + "/boards", "boards_user_follows/list", READ, this::followedBoards),
        Route.extension("PUT", BOARD + "/follow", Auth.BEARER, FOLLOW_BOARD, this::followBoard),
        Route.extension(
            "DELETE", BOARD + "/follow", Auth.BEARER, FOLLOW_BOARD, this::unfollowBoard),
        Route.extension(
            "GET",
            BOARD + "/followers",
            Auth.BEARER,
            List.of(Scope.BOARDS_READ, Scope.USER_ACCOUNTS_READ),
            this::boardFollowers),
        Route.extension("GET", USER, Auth.BEARER, READ, this::profile),
        Route.extension(
            "GET", USER + "/boards", Auth.BEARER, List.of(Scope.BOARDS_READ), this::userBoards));
  }

  private void followUser(Call call) {
    String username = call.pathText("username");
    // v5's FollowUserRequest: auto_follow is accepted (and means nothing here) if it is a boolean.
    call.body().bool("auto_follow");
    call.ok(FollowJson.of(service.followUser(call.principal(), username).username()));
  }

  private void unfollowUser(Call call) {
    service.unfollowUser(call.principal(), call.pathText("username"));
    call.noContent();
  }

  private void following(Call call) {
    FollowingFilter filter =
        call.queryEnum("feed_type", FollowingFilter.values()).orElse(FollowingFilter.ALL);
    boolean explicitOnly = call.queryBoolean("explicit_following").orElse(false);
    call.page(
        service
            .listFollowing(call.principal(), filter, explicitOnly, call.page())
            .map(FollowJson::of));
  }

  private void followers(Call call) {
    call.page(service.listFollowers(call.principal(), call.page()).map(FollowJson::of));
  }

  private void followedBoards(Call call) {
    boolean explicitOnly = call.queryBoolean("explicit_following").orElse(false);
    call.page(
        service
            .listFollowedBoards(call.principal(), explicitOnly, call.page())
            .map(b -> BoardJson.of(b, call.principal())));
  }

  private void followBoard(Call call) {
    call.ok(BoardJson.of(service.followBoard(call.principal(), boardId(call)), call.principal()));
  }

  private void unfollowBoard(Call call) {
    service.unfollowBoard(call.principal(), boardId(call));
    call.noContent();
  }

  private void boardFollowers(Call call) {
    long boardId = boardId(call);
    call.page(
        service.listBoardFollowers(call.principal(), boardId, call.page()).map(FollowJson::of));
  }

  private void profile(Call call) {
    call.ok(AccountJson.of(service.profile(call.pathText("username"))));
  }

  private void userBoards(Call call) {
    String username = call.pathText("username");
    call.page(
        service
            .listPublicBoards(username, call.page())
            .map(b -> BoardJson.of(b, call.principal())));
  }

  private static long boardId(Call call) {
    return call.pathId("board_id", Unknown.BOARD);
  }
}
