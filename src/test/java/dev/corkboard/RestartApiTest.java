package dev.corkboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A clean stop and a second start on the same data directory keep every committed row. */
class RestartApiTest {

  @Test
  void secondStartOnTheSameDataDirectoryServesEverythingWrittenBefore() {
    Path dataDir = TestServer.newDataDir();
    Users.User user;
    String boardId;
    String sectionId;
    try (Application first = TestServer.start(dataDir, true)) {
      user = Users.signUp(Api.of(first));
      Api api = Api.of(first).bearer(user.token());
      boardId = api.post("/v5/boards", Map.of("name", "Kept", "privacy", "SECRET")).text("id");
      sectionId = api.post("/v5/boards/" + boardId + "/sections", Map.of("name", "S")).text("id");
    }
    try (Application second = TestServer.start(dataDir, true)) {
      Api api = Api.of(second).bearer(user.token());
      Api.Response board = api.get("/v5/boards/" + boardId);
      assertThat(board.status()).isEqualTo(200);
      assertThat(board.text("name")).isEqualTo("Kept");
      assertThat(board.text("privacy")).isEqualTo("SECRET");
      assertThat(
              api.get("/v5/boards/" + boardId + "/sections")
                  .json()
                  .path("items")
                  .get(0)
                  .path("id")
                  .asText())
          .isEqualTo(sectionId);
      assertThat(api.get("/v5/user_account").json().path("board_count").asInt()).isEqualTo(1);
      Api.Response login = Api.of(second).basic(user.username(), Users.PASSWORD).get("/v5/tokens");
      assertThat(login.status()).isEqualTo(200);
      // New ids after a restart never collide with old ones.
      Api.Response another = api.post("/v5/boards", Map.of("name", "Second"));
      assertThat(another.status()).isEqualTo(201);
      assertThat(another.text("id")).isNotEqualTo(boardId);
    }
  }
}
