package dev.corkboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.Application;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.support.Api;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one database: tokens are remembered in memory, yet a revocation on one server
 * stops the token on the other as soon as the notification arrives. Servers that share a database
 * may run with read caches or without.
 */
class TokenRevocationAcrossServersApiTest {

  @Test
  void tokenRevokedOnOneServerStopsWorkingOnTheOther() throws Exception {
    try (Application first =
            Application.start(
                new ServerConfig("127.0.0.1", 0, TestServer.newDataDir(), Optional.empty(), true, 2)
                    .withReadCache(ServerConfig.ReadCacheMode.OFF));
        Application second =
            Application.start(
                new ServerConfig(
                    "127.0.0.1",
                    0,
                    TestServer.newDataDir(),
                    Optional.of(first.databaseSettings().toString()),
                    true,
                    2))) {
      Users.User user = Users.signUp(Api.of(first));
      String token = user.issueToken(List.of("user_accounts:read", "user_accounts:write"));
      Api onFirst = Api.of(first).bearer(token);
      Api onSecond = Api.of(second).bearer(token);
      // Used on both, so both may remember it.
      for (int i = 0; i < 3; i++) {
        assertThat(onFirst.get("/v5/user_account").status()).isEqualTo(200);
        assertThat(onSecond.get("/v5/user_account").status()).isEqualTo(200);
        Thread.sleep(50);
      }
      String tokenId =
          onFirst.get("/v5/tokens").json().path("items").findValuesAsText("id").stream()
              .filter(id -> !id.isEmpty())
              .findFirst()
              .orElseThrow();
      assertThat(onFirst.delete("/v5/tokens/" + tokenId).status()).isEqualTo(204);

      assertThat(onFirst.get("/v5/user_account").status())
          .as("at once where revoked")
          .isEqualTo(401);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      int status;
      do {
        status = onSecond.get("/v5/user_account").status();
      } while (status == 200 && System.nanoTime() < deadline);
      assertThat(status).as("the other server hears the revocation").isEqualTo(401);
    }
  }
}
