package dev.corkboard.collage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A published collage is exactly as visible as the pin it was last published as: the access
 * policy's collage rule, through its document, image, remix and the pin's collage list.
 */
class CollageVisibilityApiTest {

  @Test
  void collagePublishedOntoASecretBoardExistsForItsOwnerAlone() {
    Users.User author = Users.signUp();
    Users.User stranger = Users.signUp();
    String source = readyPin(author);
    String collage = collageOf(author, source);
    String hidden = Pins.board(author.client(), "Hidden", "SECRET");
    Api.Response published =
        author.client().post("/v5/collages/" + collage + "/publish", Map.of("board_id", hidden));
    assertThat(published.status()).as(published.body()).isEqualTo(201);

    assertHiddenFrom(stranger, collage, source);
    assertThat(author.client().get("/v5/collages/" + collage).status()).isEqualTo(200);
  }

  @Test
  void collageHidesWhenItsPinMovesOntoASecretBoardOrIsDeleted() {
    Users.User author = Users.signUp();
    Users.User stranger = Users.signUp();
    String source = readyPin(author);
    String collage = collageOf(author, source);
    String open = Pins.board(author.client(), "Open collages");
    String pin =
        author
            .client()
            .post("/v5/collages/" + collage + "/publish", Map.of("board_id", open))
            .text("id");
    assertThat(stranger.client().get("/v5/collages/" + collage).status()).isEqualTo(200);
    assertThat(Pins.ids(stranger.client().get("/v5/pins/" + source + "/collages")))
        .containsExactly(collage);

    String hidden = Pins.board(author.client(), "Hidden later", "SECRET");
    author.client().patch("/v5/pins/" + pin, Map.of("board_id", hidden));
    assertHiddenFrom(stranger, collage, source);

    author.client().patch("/v5/pins/" + pin, Map.of("board_id", open));
    assertThat(stranger.client().get("/v5/collages/" + collage).status()).isEqualTo(200);
    assertThat(author.client().delete("/v5/pins/" + pin).status()).isEqualTo(204);
    assertHiddenFrom(stranger, collage, source);
  }

  @Test
  void publicCollageNamesNoPinOrCutoutTheCallerMayNotSee() {
    Users.User author = Users.signUp();
    Users.User stranger = Users.signUp();
    String shown = readyPin(author);
    String hiddenBoard = Pins.board(author.client(), "Hidden sources", "SECRET");
    String hidden =
        Pins.create(author.client(), hiddenBoard, Images.png(90, 60, Color.BLUE)).text("id");
    Pins.awaitSettled(author.client(), hidden);
    String cutout = Pins.cutout(author.client(), hidden);
    Api.Response created =
        author
            .client()
            .post(
                "/v5/collages",
                Map.of(
                    "title",
                    "Mixed",
                    "canvas",
                    Map.of("width", 300, "height", 200, "background_color", "#FFFFFF"),
                    "items",
                    List.of(
                        Map.of("type", "pin", "pin_id", shown, "x", 50, "y", 50),
                        Map.of("type", "pin", "pin_id", hidden, "x", 150, "y", 100),
                        Map.of("type", "cutout", "cutout_id", cutout, "x", 200, "y", 100))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String collage = created.text("id");
    String open = Pins.board(author.client(), "Open collages");
    author.client().post("/v5/collages/" + collage + "/publish", Map.of("board_id", open));

    Api.Response seen = stranger.client().get("/v5/collages/" + collage);
    assertThat(seen.status()).isEqualTo(200);
    assertThat(seen.body()).doesNotContain(hidden).doesNotContain(cutout).contains(shown);
    assertThat(seen.json().path("items")).hasSize(3);
    assertThat(Pins.ids(stranger.client().get("/v5/pins/" + shown + "/collages")))
        .containsExactly(collage);
    assertThat(stranger.client().get("/v5/pins/" + shown + "/collages").body())
        .doesNotContain(hidden);
    // Its owner, with the secret pin scope, is shown every reference.
    assertThat(author.client().get("/v5/collages/" + collage).body())
        .contains(hidden)
        .contains(cutout);
  }

  private static void assertHiddenFrom(Users.User stranger, String collage, String source) {
    Api.Response unknown = stranger.client().get("/v5/collages/999999999");
    Api.Response document = stranger.client().get("/v5/collages/" + collage);
    assertThat(document.status()).isEqualTo(404);
    assertThat(document.body()).isEqualTo(unknown.body());
    assertThat(stranger.client().get("/v5/collages/" + collage + "/image").status()).isEqualTo(404);
    assertThat(stranger.client().post("/v5/collages/" + collage + "/remix", Map.of()).status())
        .isEqualTo(404);
    assertThat(Pins.ids(stranger.client().get("/v5/pins/" + source + "/collages"))).isEmpty();
  }

  private static String readyPin(Users.User user) {
    String board = Pins.board(user.client(), "Sources " + System.nanoTime());
    String id = Pins.create(user.client(), board, Images.png(160, 90, Color.MAGENTA)).text("id");
    Pins.awaitSettled(user.client(), id);
    return id;
  }

  private static String collageOf(Users.User author, String pin) {
    Api.Response created =
        author
            .client()
            .post(
                "/v5/collages",
                Map.of(
                    "title",
                    "Shown as its pin",
                    "canvas",
                    Map.of("width", 300, "height", 200, "background_color", "#FFFFFF"),
                    "items",
                    List.of(Map.of("type", "pin", "pin_id", pin, "x", 150, "y", 100))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }
}
