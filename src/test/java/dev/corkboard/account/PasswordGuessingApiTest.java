package dev.corkboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.Application;
import dev.corkboard.platform.config.RateLimits;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.support.Api;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sign-up and password checks have allowances of their own, per address and per username. */
class PasswordGuessingApiTest {

  private static Application start(int auth, int authUser) {
    return Application.start(
        new ServerConfig("127.0.0.1", 0, TestServer.newDataDir(), Optional.empty(), true, 2)
            .withRateLimits(
                new RateLimits(
                    true,
                    Duration.ofDays(1),
                    Map.of(
                        "org_read",
                        1000,
                        "org_write",
                        1000,
                        "auth",
                        auth,
                        "auth_user",
                        authUser,
                        "auth_client",
                        2))));
  }

  @Test
  void passwordGuessesAtOneUsernameAreRefusedWith429() {
    try (Application app = start(1000, 3)) {
      Users.User user = Users.signUp(Api.of(app));
      // Users.signUp checked the password once, to issue its token.
      for (int i = 0; i < 2; i++) {
        Api.Response wrong = Api.of(app).basic(user.username(), "guess " + i).get("/v5/tokens");
        assertThat(wrong.status()).isEqualTo(401);
      }
      Api.Response limited = user.withPassword().get("/v5/tokens");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.code()).isEqualTo(8);
      assertThat(limited.headers().firstValue("Retry-After")).isPresent();
      assertThat(user.client().get("/v5/tokens").status())
          .as("the account's tokens still work")
          .isEqualTo(200);
    }
  }

  @Test
  void clientSecretGuessesAtOneClientIdAreRefusedWith429() {
    try (Application app = start(1000, 1000)) {
      for (int i = 0; i < 2; i++) {
        Api.Response wrong = clientCredentials(app, "12345", "guess " + i);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo(2);
      }
      Api.Response limited = clientCredentials(app, "12345", "guess 3");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.code()).isEqualTo(8);
      assertThat(clientCredentials(app, "67890", "guess").status())
          .as("each client id has its own allowance")
          .isEqualTo(401);
    }
  }

  private static Api.Response clientCredentials(Application app, String clientId, String secret) {
    byte[] form = "grant_type=client_credentials&scope=pins:read".getBytes(StandardCharsets.UTF_8);
    return Api.of(app)
        .basic(clientId, secret)
        .send("POST", "/v5/oauth/token", "application/x-www-form-urlencoded", form);
  }

  @Test
  void signUpsAndTokenIssuesFromOneAddressAreLimited() {
    try (Application app = start(3, 1000)) {
      Api api = Api.of(app);
      for (int i = 0; i < 3; i++) {
        assertThat(
                api.post(
                        "/v5/accounts",
                        Map.of(
                            "username",
                            "guess_" + i + "_" + System.nanoTime() % 100000,
                            "password",
                            Users.PASSWORD))
                    .status())
            .isEqualTo(201);
      }
      Api.Response limited =
          api.post("/v5/accounts", Map.of("username", "one_more_user", "password", Users.PASSWORD));
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.code()).isEqualTo(8);
      Api.Response token =
          api.basic("one_more_user", Users.PASSWORD)
              .post("/v5/tokens", Map.of("name", "t", "scopes", List.of("pins:read")));
      assertThat(token.status()).as("token issue shares the address's allowance").isEqualTo(429);
    }
  }
}
