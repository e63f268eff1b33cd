package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way of putting a pin on a board asks the same scopes of a secret board. */
class PinTargetScopesApiTest {

  @ParameterizedTest
  @ValueSource(strings = {"SECRET", "PROTECTED"})
  void creatingSavingOrMovingOntoOwnHiddenBoardWithoutBoardsWriteSecretIsMissingScope(
      String privacy) {
    Users.User owner = Users.signUp();
    String hidden = Pins.board(owner.client(), "Hidden", privacy);
    String publicBoard = Pins.board(owner.client(), "Public");
    String publicPin = Pins.create(owner.client(), publicBoard, Color.BLUE).text("id");
    Api withoutBoardsWriteSecret =
        owner.withScopes(
            Users.ALL_SCOPES.stream()
                .filter(s -> !s.equals("boards:write_secret"))
                .toArray(String[]::new));

    Api.Response created =
        withoutBoardsWriteSecret.post(
            "/v5/pins",
            Map.of(
                "board_id",
                hidden,
                "media_source",
                Pins.base64Source(Images.png(8, 8, Color.RED))));
    Api.Response saved =
        withoutBoardsWriteSecret.post(
            "/v5/pins/" + publicPin + "/save", Map.of("board_id", hidden));
    Api.Response moved =
        withoutBoardsWriteSecret.patch("/v5/pins/" + publicPin, Map.of("board_id", hidden));

    for (Api.Response answer : List.of(created, saved, moved)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(403);
      assertThat(answer.code()).isEqualTo(3);
      assertThat(answer.message()).contains("boards:write_secret");
    }
    Api.Response pins = owner.client().get("/v5/boards/" + hidden + "/pins");
    assertThat(Pins.ids(pins)).isEmpty();
    assertThat(owner.client().get("/v5/boards/" + hidden).json().path("pin_count").asInt())
        .isZero();
  }
}
