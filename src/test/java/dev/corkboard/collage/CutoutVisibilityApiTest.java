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

/** A cutout is exactly as visible as the pin it was cut from: the access policy's cutout rule. */
class CutoutVisibilityApiTest {

  private static final List<List<Integer>> TRIANGLE =
      List.of(List.of(0, 0), List.of(1, 0), List.of(0, 1));

  @Test
  void cutoutOfASecretPinNeedsTheSecretPinScopeEvenForItsMaker() {
    Users.User owner = Users.signUp();
    String board = Pins.board(owner.client(), "Hidden", "SECRET");
    String pin = Pins.create(owner.client(), board, Images.png(120, 80, Color.RED)).text("id");
    Pins.awaitSettled(owner.client(), pin);
    Api.Response cut =
        owner.client().post("/v5/cutouts", Map.of("pin_id", pin, "polygon", TRIANGLE));
    assertThat(cut.status()).as(cut.body()).isEqualTo(201);
    String cutout = cut.text("id");

    Api withoutSecretPins = owner.withScopes(allScopesBut("pins:read_secret"));
    assertThat(withoutSecretPins.get("/v5/pins/" + pin).status()).isEqualTo(404);
    Api.Response hidden = withoutSecretPins.get("/v5/cutouts/" + cutout);
    assertThat(hidden.status()).isEqualTo(404);
    Api.Response unknown = withoutSecretPins.get("/v5/cutouts/999999999");
    assertThat(hidden.body()).isEqualTo(unknown.body());
    assertThat(withoutSecretPins.get("/v5/cutouts/" + cutout + "/image").status()).isEqualTo(404);

    assertThat(owner.client().get("/v5/cutouts/" + cutout).status()).isEqualTo(200);
    assertThat(owner.client().get("/v5/cutouts/" + cutout + "/image").status()).isEqualTo(200);
  }

  @Test
  void cutoutOfAPublicPinIsSeenByEveryoneAndDeletedOnlyByItsMaker() {
    Users.User owner = Users.signUp();
    Users.User other = Users.signUp();
    String board = Pins.board(owner.client(), "Open");
    String pin = Pins.create(owner.client(), board, Images.png(120, 80, Color.BLUE)).text("id");
    Pins.awaitSettled(owner.client(), pin);
    String cutout =
        owner.client().post("/v5/cutouts", Map.of("pin_id", pin, "polygon", TRIANGLE)).text("id");

    assertThat(other.withScopes("pins:read").get("/v5/cutouts/" + cutout).status()).isEqualTo(200);
    Api.Response foreignDelete = other.client().delete("/v5/cutouts/" + cutout);
    assertThat(foreignDelete.status()).isEqualTo(403);
    assertThat(foreignDelete.code()).isEqualTo(29);
    assertThat(owner.client().delete("/v5/cutouts/" + cutout).status()).isEqualTo(204);
  }

  @Test
  void cutoutFollowsItsPinOntoASecretBoard() {
    Users.User owner = Users.signUp();
    Users.User maker = Users.signUp();
    String open = Pins.board(owner.client(), "Open");
    String hidden = Pins.board(owner.client(), "Hidden", "SECRET");
    String pin = Pins.create(owner.client(), open, Images.png(120, 80, Color.GREEN)).text("id");
    Pins.awaitSettled(owner.client(), pin);
    String cutout =
        maker.client().post("/v5/cutouts", Map.of("pin_id", pin, "polygon", TRIANGLE)).text("id");
    assertThat(maker.client().get("/v5/cutouts/" + cutout).status()).isEqualTo(200);

    Api.Response moved = owner.client().patch("/v5/pins/" + pin, Map.of("board_id", hidden));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);

    Api.Response unknown = maker.client().get("/v5/cutouts/999999999");
    for (Users.User stranger : List.of(maker, Users.signUp())) {
      Api.Response hiddenCutout = stranger.client().get("/v5/cutouts/" + cutout);
      assertThat(hiddenCutout.status()).isEqualTo(404);
      assertThat(hiddenCutout.body()).isEqualTo(unknown.body());
      assertThat(stranger.client().get("/v5/cutouts/" + cutout + "/image").status()).isEqualTo(404);
    }
    assertThat(maker.client().delete("/v5/cutouts/" + cutout).status()).isEqualTo(404);
    // Its pin's owner sees it where the pin is seen, and again everybody once it is public.
    assertThat(owner.client().get("/v5/cutouts/" + cutout).status()).isEqualTo(200);
    assertThat(owner.client().get("/v5/pins/" + pin + "/cutouts").json().path("items").size())
        .isEqualTo(1);
    owner.client().patch("/v5/pins/" + pin, Map.of("board_id", open));
    assertThat(maker.client().get("/v5/cutouts/" + cutout).status()).isEqualTo(200);
  }

  @Test
  void cutoutHidesWhenItsPinsBoardTurnsSecret() {
    Users.User owner = Users.signUp();
    Users.User maker = Users.signUp();
    String board = Pins.board(owner.client(), "Soon hidden");
    String pin = Pins.create(owner.client(), board, Images.png(120, 80, Color.CYAN)).text("id");
    Pins.awaitSettled(owner.client(), pin);
    String cutout =
        maker.client().post("/v5/cutouts", Map.of("pin_id", pin, "polygon", TRIANGLE)).text("id");
    assertThat(maker.client().get("/v5/cutouts/" + cutout).status()).isEqualTo(200);

    owner.client().patch("/v5/boards/" + board, Map.of("privacy", "SECRET"));

    assertThat(maker.client().get("/v5/cutouts/" + cutout).status()).isEqualTo(404);
  }

  private static String[] allScopesBut(String... left) {
    return Users.ALL_SCOPES.stream().filter(s -> !List.of(left).contains(s)).toArray(String[]::new);
  }
}
