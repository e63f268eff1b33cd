package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoardSmokeApiTest {

  @Test
  void createsAndReadsBackABoard() {
    Users.User alice = Users.signUp();
    Api.Response created =
        alice.client().post("/v5/boards", Map.of("name", "Recipes", "description", "Food"));
    assertThat(created.status()).isEqualTo(201);
    Api.Response read = alice.client().get("/v5/boards/" + created.text("id"));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text("name")).isEqualTo("Recipes");
    assertThat(read.json().path("owner").path("username").asText()).isEqualTo(alice.username());
    Api.Response tokens = alice.client().get("/v5/tokens");
    assertThat(tokens.status()).isEqualTo(200);
    Api.Response bad = alice.client().get("/v5/boards/abc");
    assertThat(bad.status()).isEqualTo(400);
  }
}
