package dev.corkboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.Application;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.support.Api;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one database, one with the read cache off: both remember what tokens grant, yet
 * once a revocation on one server has answered, the token works on neither.
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
      // Used on both until both answer it from memory.
      for (Application app : List.of(first, second)) {
        Api on = Api.of(app).bearer(token);
        double before = grantHits(app);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (grantHits(app) <= before) {
          assertThat(System.nanoTime()).as("remembered in time").isLessThan(deadline);
          assertThat(on.get("/v5/user_account").status()).isEqualTo(200);
          Thread.sleep(50);
        }
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
      assertThat(onSecond.get("/v5/user_account").status())
          .as("at once on the other server too: the revocation answered once it had heard it")
          .isEqualTo(401);
    }
  }

  private static double grantHits(Application app) {
    for (String line : Api.of(app).unvalidated().get("/metrics").body().split("\n")) {
      if (line.startsWith("cache_gets_total{cache=\"token_grants\",result=\"hit\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }
}
