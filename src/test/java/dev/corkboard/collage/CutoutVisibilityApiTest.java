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

  private static String[] allScopesBut(String... left) {
    return Users.ALL_SCOPES.stream().filter(s -> !List.of(left).contains(s)).toArray(String[]::new);
  }
}
