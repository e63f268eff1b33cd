package dev.corkboard.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.Application;
import dev.corkboard.platform.config.RateLimits;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits on a server of their own with small allowances. Windows last a day, so no test
 * crosses into a new one but once in some ten thousand runs.
 */
class RateLimitApiTest {

  private static final Duration DAY = Duration.ofDays(1);

  private static Application app;

  @BeforeAll
  static void start() {
    app = start(TestServer.newDataDir(), Optional.empty());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static Application start(java.nio.file.Path dataDir, Optional<String> databaseUrl) {
    return Application.start(
        new ServerConfig("127.0.0.1", 0, dataDir, databaseUrl, true, 2)
            .withRateLimits(
                new RateLimits(
                    true,
                    DAY,
                    Map.of(
                        "org_read", 5,
                        "org_write", 1000,
                        "object_write", 3,
                        "auth", 1000,
                        "auth_user", 1000))));
  }

  @Test
  void readsBeyondTheAllowanceAnswer429Code8WithRetryAfter() {
    Users.User user = Users.signUp(Api.of(app));
    Api api = user.client();
    for (int i = 0; i < 5; i++) {
      Api.Response ok = api.get("/v5/user_account");
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.headers().firstValue("X-RateLimit-Limit")).contains("5");
      assertThat(ok.headers().firstValue("X-RateLimit-Remaining"))
          .contains(Integer.toString(4 - i));
      assertThat(Long.parseLong(ok.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
          .isBetween(1L, DAY.toSeconds());
    }
    Api.Response limited = api.get("/v5/user_account");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo(8);
    assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
    assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, DAY.toSeconds());

    Api.Response otherToken = user.withScopes("user_accounts:read").get("/v5/user_account");
    assertThat(otherToken.status()).as("each token has its own allowance").isEqualTo(200);
  }

  @Test
  void writesToOneObjectInAShortWindowAreThrottled() {
    Users.User user = Users.signUp(Api.of(app));
    String board = Pins.board(user.client(), "Busy board", "PUBLIC");
    String other = Pins.board(user.client(), "Quiet board", "PUBLIC");
    for (int i = 0; i < 3; i++) {
      assertThat(
              user.client()
                  .patch("/v5/boards/" + board, Map.of("description", "take " + i))
                  .status())
          .isEqualTo(200);
    }
    Api.Response limited =
        user.client().patch("/v5/boards/" + board, Map.of("description", "one more"));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo(8);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    assertThat(user.client().patch("/v5/boards/" + other, Map.of("description", "fine")).status())
        .isEqualTo(200);
    Api.Response follow = Users.signUp(Api.of(app)).client().put("/v5/boards/" + board + "/follow");
    assertThat(follow.status()).as("another caller's write to the same board").isEqualTo(200);
  }

  @Test
  void severalServersOnOneDatabaseShareOneAllowance() {
    try (Application second =
        start(TestServer.newDataDir(), Optional.of(app.databaseSettings().toString()))) {
      Users.User user = Users.signUp(Api.of(app));
      String token = user.issueToken(List.of("user_accounts:read"));
      List<Api> servers = List.of(Api.of(app).bearer(token), Api.of(second).bearer(token));
      int allowed = 0;
      for (int i = 0; i < 20; i++) {
        if (servers.get(i % 2).get("/v5/user_account").status() == 200) {
          allowed++;
        }
      }
      assertThat(allowed).as("the two servers together allow the limit, not twice it").isEqualTo(5);
      for (Api server : servers) {
        Api.Response limited = server.get("/v5/user_account");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo(8);
      }
    }
  }
}
