package dev.corkboard.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Images;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Media that only secret pins show are served at signed, expiring URLs alone; media any public pin
 * shows stay at their immutable, cacheable URL.
 */
class SecretMediaApiTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aSecretPinsImageIsServedAtItsSignedUrlAloneAndPrivately() throws Exception {
    Users.User owner = Users.signUp();
    String hidden = Pins.board(owner.client(), "Hidden", "SECRET");
    String pin = Pins.create(owner.client(), hidden, Images.png(300, 200, Color.PINK)).text("id");
    String signed = url(Pins.awaitSettled(owner.client(), pin));
    URI uri = URI.create(signed);
    assertThat(uri.getRawQuery()).contains("expires=").contains("signature=");
    String bare = signed.substring(0, signed.indexOf('?'));

    HttpResponse<byte[]> good = fetch(signed);
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(Images.decode(good.body()).getWidth()).isEqualTo(300);
    assertThat(good.headers().firstValue("Cache-Control").orElseThrow()).startsWith("private");

    HttpResponse<byte[]> unsigned = fetch(bare);
    assertThat(unsigned.statusCode()).isEqualTo(404);
    assertThat(new String(unsigned.body())).contains("\"code\"");
    assertThat(fetch(bare.replace("/600x.jpg", "/original")).statusCode()).isEqualTo(404);
    String tampered = signed.replaceAll("signature=.", "signature=A");
    if (tampered.equals(signed)) {
      tampered = signed.replaceAll("signature=.", "signature=B");
    }
    assertThat(fetch(tampered).statusCode()).isEqualTo(404);
    // The signature is for that variant alone.
    assertThat(fetch(signed.replace("/600x.jpg", "/1200x.jpg")).statusCode()).isEqualTo(404);
  }

  @Test
  void anImageStopsBeingPublicOnceNoPublicPinShowsIt() throws Exception {
    Users.User owner = Users.signUp();
    String open = Pins.board(owner.client(), "Open");
    String hidden = Pins.board(owner.client(), "Hidden", "SECRET");
    String pin = Pins.create(owner.client(), open, Images.png(310, 200, Color.ORANGE)).text("id");
    String publicUrl = url(Pins.awaitSettled(owner.client(), pin));
    assertThat(URI.create(publicUrl).getRawQuery()).isNull();
    HttpResponse<byte[]> shown = fetch(publicUrl);
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.headers().firstValue("Cache-Control").orElseThrow())
        .isEqualTo("public, max-age=31536000, immutable");

    owner.client().patch("/v5/pins/" + pin, Map.of("board_id", hidden));

    assertThat(fetch(publicUrl).statusCode()).isEqualTo(404);
    String signed = url(owner.client().get("/v5/pins/" + pin).json());
    assertThat(signed).startsWith(publicUrl + "?expires=");
    assertThat(fetch(signed).statusCode()).isEqualTo(200);
  }

  @Test
  void anImageAPublicPinAlsoShowsStaysPublic() throws Exception {
    Users.User owner = Users.signUp();
    String open = Pins.board(owner.client(), "Open");
    String hidden = Pins.board(owner.client(), "Hidden", "SECRET");
    byte[] png = Images.png(320, 200, Color.YELLOW);
    String secretPin = Pins.create(owner.client(), hidden, png).text("id");
    String publicPin = Pins.create(owner.client(), open, png).text("id");
    String signed = url(Pins.awaitSettled(owner.client(), secretPin));
    String publicUrl = url(Pins.awaitSettled(owner.client(), publicPin));

    assertThat(signed).startsWith(publicUrl + "?");
    assertThat(fetch(publicUrl).statusCode()).isEqualTo(200);
  }

  @Test
  void anImageKeptInMemoryIsSignedForTheSecretSaveAndPlainForThePublicPinThatShareIt()
      throws Exception {
    Users.User owner = Users.signUp();
    Users.User other = Users.signUp();
    String open = Pins.board(owner.client(), "Open");
    String hidden = Pins.board(other.client(), "Hidden", "SECRET");
    String pin = Pins.create(owner.client(), open, Images.png(330, 200, Color.GREEN)).text("id");
    String publicUrl = url(Pins.awaitSettled(owner.client(), pin));
    String save = Pins.save(other.client(), pin, hidden);

    // Both pins show one ready image, whose view every node keeps; each reads it its own way,
    // alone and in its board's page, in either order.
    for (int round = 0; round < 2; round++) {
      String signed = url(other.client().get("/v5/pins/" + save).json());
      assertThat(signed).startsWith(publicUrl + "?expires=").contains("&signature=");
      assertThat(
              url(other.client().get("/v5/boards/" + hidden + "/pins").json().path("items").get(0)))
          .isEqualTo(signed);
      assertThat(url(other.client().get("/v5/pins/" + pin).json())).isEqualTo(publicUrl);
      assertThat(
              url(owner.client().get("/v5/boards/" + open + "/pins").json().path("items").get(0)))
          .isEqualTo(publicUrl);
      assertThat(other.client().get("/v5/pins/" + save).json().toString())
          .doesNotContain(publicUrl + "\"");
    }
  }

  private static String url(JsonNode pin) {
    String url = pin.path("media").path("images").path("600x").path("url").asText();
    assertThat(url).as(pin.toString()).isNotEmpty();
    return url;
  }

  private static HttpResponse<byte[]> fetch(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
