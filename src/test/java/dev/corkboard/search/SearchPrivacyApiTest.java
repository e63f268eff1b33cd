package dev.corkboard.search;

import static dev.corkboard.search.Searches.found;
import static dev.corkboard.search.Searches.ownPins;
import static dev.corkboard.search.Searches.pin;
import static dev.corkboard.search.Searches.publicPins;
import static dev.corkboard.search.Searches.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secret and protected boards and their pins in search: found by nobody but their owner through the
 * secret scopes, in the owner's own search alone; a pin or board that turns secret drops out of
 * public search with the write that made it so.
 */
class SearchPrivacyApiTest {

  @Test
  void secretAndProtectedPinsAndBoardsAreFoundOnlyByTheirOwnerWithTheSecretScopes() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String word = word();
    String secret = Pins.board(alice.client(), "Secret " + word, "SECRET");
    String shielded = Pins.board(alice.client(), "Protected " + word, "PROTECTED");
    String onSecret = pin(alice.client(), secret, word);
    String onShielded = pin(alice.client(), shielded, word);

    for (Api others : List.of(bob.client(), Users.signUp().client())) {
      assertThat(publicPins(others, word)).isEmpty();
      assertThat(ownPins(others, word)).isEmpty();
      assertThat(ownPins(others, onSecret + "," + onShielded)).isEmpty();
      assertThat(found(others, "/v5/search/public/boards", word)).isEmpty();
      assertThat(found(others, "/v5/search/boards", word)).isEmpty();
    }
    // Public search is what everybody sees, the owner included.
    assertThat(publicPins(alice.client(), word)).isEmpty();
    assertThat(found(alice.client(), "/v5/search/public/boards", word)).isEmpty();
    // The owner's own search, through the secret scopes.
    assertThat(ownPins(alice.client(), word)).containsExactlyInAnyOrder(onSecret, onShielded);
    assertThat(ownPins(alice.client(), onSecret + "," + onShielded))
        .containsExactlyInAnyOrder(onSecret, onShielded);
    assertThat(found(alice.client(), "/v5/search/boards", word))
        .containsExactlyInAnyOrder(secret, shielded);
    // Without them, the caller's own search is refused, as Pinterest's spec lists them; public
    // search still finds nothing secret.
    Api withoutSecrets = alice.withScopes(Users.PUBLIC_SCOPES.toArray(String[]::new));
    assertMissingScope(withoutSecrets.get(Searches.search("/v5/search/pins", word)));
    assertMissingScope(withoutSecrets.get(Searches.search("/v5/search/boards", word)));
    assertThat(publicPins(withoutSecrets, word)).isEmpty();
    Api boardsNotPins =
        alice.withScopes("boards:read", "boards:read_secret", "pins:read", "user_accounts:read");
    assertMissingScope(boardsNotPins.get(Searches.search("/v5/search/pins", word)));
    assertThat(found(boardsNotPins, "/v5/search/boards", word))
        .containsExactlyInAnyOrder(secret, shielded);
  }

  private static void assertMissingScope(Api.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(403);
    assertThat(response.code()).isEqualTo(3);
  }

  @Test
  void aPinMovedToASecretBoardVanishesFromPublicSearchAtOnce() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String word = word();
    String open = Pins.board(alice.client(), "Open");
    String secret = Pins.board(alice.client(), "Hidden", "SECRET");
    String pin = pin(alice.client(), open, word);
    assertThat(publicPins(bob.client(), word)).containsExactly(pin);

    Api.Response moved = alice.client().patch("/v5/pins/" + pin, Map.of("board_id", secret));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(publicPins(bob.client(), word)).isEmpty();
    assertThat(ownPins(alice.client(), word)).containsExactly(pin);

    Api.Response back = alice.client().patch("/v5/pins/" + pin, Map.of("board_id", open));
    assertThat(back.status()).isEqualTo(200);
    assertThat(publicPins(bob.client(), word)).containsExactly(pin);
  }

  @Test
  void theBoardOfAPinTurningSecretHidesBothFromPublicSearchAtOnce() {
    User alice = Users.signUp();
    User bob = Users.signUp();
    String word = word();
    String board = Pins.board(alice.client(), "Board " + word);
    String pin = pin(alice.client(), board, word);
    assertThat(publicPins(bob.client(), word)).containsExactly(pin);
    assertThat(found(bob.client(), "/v5/search/public/boards", word)).containsExactly(board);

    Api.Response hidden = alice.client().patch("/v5/boards/" + board, Map.of("privacy", "SECRET"));
    assertThat(hidden.status()).as(hidden.body()).isEqualTo(200);
    assertThat(publicPins(bob.client(), word)).isEmpty();
    assertThat(found(bob.client(), "/v5/search/public/boards", word)).isEmpty();
    assertThat(ownPins(bob.client(), pin)).isEmpty();
  }

  @Test
  void aDeletedPinIsNoLongerFound() {
    User alice = Users.signUp();
    String word = word();
    String pin = pin(alice.client(), Pins.board(alice.client(), "Ideas"), word);
    assertThat(publicPins(alice.client(), word)).containsExactly(pin);

    assertThat(alice.client().delete("/v5/pins/" + pin).status()).isEqualTo(204);
    assertThat(publicPins(alice.client(), word)).isEmpty();
    assertThat(ownPins(alice.client(), pin)).isEmpty();
  }
}
