package dev.corkboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.Application;
import dev.corkboard.support.Api;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.awt.Color;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountApiTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Api anonymous = Api.anonymous();

  @Test
  void signUpAnswers201WithTheNewV5Account() {
    String username = uniqueUsername("Sign.Up_");

    Api.Response created = signUp(username, Users.PASSWORD);

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.text("id")).matches("\\d+");
    assertThat(created.text("username")).isEqualTo(username);
    assertThat(created.text("account_type")).isEqualTo("PINNER");
    assertThat(created.json().path("board_count").asInt(-1)).isZero();
    assertThat(created.body()).doesNotContain(Users.PASSWORD).doesNotContain("argon2");
  }

  @Test
  void signUpGivesEachAccountItsOwnIdAndALoginThatWorks() {
    String first = uniqueUsername("first_");
    String second = uniqueUsername("second_");

    String firstId = signUp(first, Users.PASSWORD).text("id");
    String secondId = signUp(second, "another password").text("id");

    assertThat(firstId).isNotEqualTo(secondId);
    Api.Response me =
        anonymous
            .bearer(issueToken(anonymous.basic(second, "another password")))
            .get("/v5/user_account");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("id")).isEqualTo(secondId);
    assertThat(me.text("username")).isEqualTo(second);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "abcdefghijklmnopqrstuvwxyz01234", // 31 characters
        "has space",
        "12345",
        "a-b",
        "",
        "at@sign",
        "ünïcode",
        "tab\tname"
      })
  void signUpRejectsAUsernameThatBreaksTheRulesNamingUsername(String username) {
    Api.Response response = signUp(username, Users.PASSWORD);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("username");
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 30})
  void signUpAcceptsUsernamesAtTheLengthLimits(int length) {
    String username = uniqueUsername("z", length);

    Api.Response response = signUp(username, Users.PASSWORD);

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.text("username")).isEqualTo(username).hasSize(length);
  }

  @Test
  void signUpAcceptsDotsUnderscoresAndDigitsWhenNotAllDigits() {
    String username = "1._" + uniqueUsername("x") + "9";

    Api.Response response = signUp(username, Users.PASSWORD);

    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  @Test
  void signUpAnswers409ForAUsernameTakenIgnoringCase() {
    String username = uniqueUsername("CaseName_");
    assertThat(signUp(username, Users.PASSWORD).status()).isEqualTo(201);

    Api.Response sameCase = signUp(username, "a different password");
    Api.Response otherCase = signUp(username.toLowerCase(Locale.ROOT), "a different password");

    assertThat(sameCase.status()).as(sameCase.body()).isEqualTo(409);
    assertThat(otherCase.status()).as(otherCase.body()).isEqualTo(409);
    assertThat(otherCase.code()).isEqualTo(409);
    assertThat(otherCase.message()).contains("username");
    // The loser made no account: only the first password logs in.
    assertThat(tokenAttempt(anonymous.basic(username, "a different password")).status())
        .isEqualTo(401);
    assertThat(tokenAttempt(anonymous.basic(username, Users.PASSWORD)).status()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"short12", "", "😀😀😀😀😀😀😀"})
  void signUpRejectsAPasswordShorterThanEightCharactersNamingPassword(String password) {
    Api.Response response = signUp(uniqueUsername("pw_"), password);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("password");
  }

  @Test
  void signUpRejectsAPasswordLongerThan256CharactersNamingPassword() {
    Api.Response response = signUp(uniqueUsername("pw_"), "p".repeat(257));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.message()).contains("password");
  }

  @Test
  void signUpAcceptsAPasswordOfExactlyEightCharacters() {
    Api.Response response = signUp(uniqueUsername("pw_"), "8charsok");

    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"password\": \"correct horse battery\"}",
        "{\"username\": null, \"password\": \"correct horse battery\"}",
        "{\"username\": 12345678, \"password\": \"correct horse battery\"}"
      })
  void signUpWithoutAUsableUsernameAnswers400NamingUsername(String body) {
    Api.Response response = anonymous.post("/v5/accounts", body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("username");
  }

  @Test
  void signUpWithoutAPasswordAnswers400NamingPassword() {
    Api.Response response =
        anonymous.post("/v5/accounts", Map.of("username", uniqueUsername("nopw_")));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("password");
  }

  @Test
  void signUpAnswers403WhenTheServerRunsWithRegistrationClosed() {
    Application closed = TestServer.start(TestServer.newDataDir(), false);
    try {
      Api api = Api.of(closed);
      String username = uniqueUsername("closed_");

      Api.Response response =
          api.post("/v5/accounts", Map.of("username", username, "password", Users.PASSWORD));

      assertThat(response.status()).as(response.body()).isEqualTo(403);
      assertThat(response.code()).isEqualTo(29);
      assertThat(response.message()).containsIgnoringCase("registration");
      assertThat(tokenAttempt(api.basic(username, Users.PASSWORD)).status()).isEqualTo(401);
    } finally {
      closed.close();
    }
  }

  @Test
  void userAccountAnswersTheCallerWithTheExactBoardCount() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    List<String> boards =
        List.of(createBoard(alice, "One"), createBoard(alice, "Two"), createBoard(alice, "Three"));
    createBoard(bob, "Not Alice's");

    Api.Response afterThree = alice.client().get("/v5/user_account");
    assertThat(alice.client().delete("/v5/boards/" + boards.get(1)).status()).isEqualTo(204);
    Api.Response afterDelete = alice.client().get("/v5/user_account");

    assertThat(afterThree.status()).as(afterThree.body()).isEqualTo(200);
    assertThat(afterThree.text("id")).isEqualTo(alice.id());
    assertThat(afterThree.text("username")).isEqualTo(alice.username());
    assertThat(afterThree.text("account_type")).isEqualTo("PINNER");
    assertThat(afterThree.json().path("board_count").asInt(-1)).isEqualTo(3);
    assertThat(afterThree.json().path("pin_count").asInt(-1)).isZero();
    assertThat(afterDelete.json().path("board_count").asInt(-1)).isEqualTo(2);
  }

  @Test
  void userAccountCountsOnlyWhatTheTokenMayListWithoutTheSecretScopes() {
    Users.User alice = Users.signUp();
    String open = Pins.board(alice.client(), "Open");
    String hidden = Pins.board(alice.client(), "Hidden", "SECRET");
    Pins.create(alice.client(), open, Color.RED);
    Pins.create(alice.client(), hidden, Color.GREEN);
    Pins.create(alice.client(), hidden, Color.BLUE);

    JsonNode all = alice.client().get("/v5/user_account").json();
    JsonNode plain = alice.withScopes("user_accounts:read").get("/v5/user_account").json();
    JsonNode boardsOnly =
        alice.withScopes("user_accounts:read", "boards:read_secret").get("/v5/user_account").json();

    assertThat(all.path("board_count").asInt(-1)).isEqualTo(2);
    assertThat(all.path("pin_count").asInt(-1)).isEqualTo(3);
    assertThat(plain.path("board_count").asInt(-1)).isEqualTo(1);
    assertThat(plain.path("pin_count").asInt(-1)).isEqualTo(1);
    // Secret boards are listed with boards:read_secret; their pins also need pins:read_secret.
    assertThat(boardsOnly.path("board_count").asInt(-1)).isEqualTo(2);
    assertThat(boardsOnly.path("pin_count").asInt(-1)).isEqualTo(1);
  }

  @Test
  void userAccountOfAFreshAccountCountsNoBoards() {
    Users.User carol = Users.signUp();

    Api.Response me = carol.client().get("/v5/user_account");

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.text("id")).isEqualTo(carol.id());
    assertThat(me.json().path("board_count").asInt(-1)).isZero();
  }

  private Api.Response signUp(String username, String password) {
    Map<String, Object> body = new HashMap<>();
    body.put("username", username);
    body.put("password", password);
    return anonymous.post("/v5/accounts", body);
  }

  private static Api.Response tokenAttempt(Api withPassword) {
    return withPassword.post("/v5/tokens", Map.of("name", "cli", "scopes", Users.ALL_SCOPES));
  }

  private static String issueToken(Api withPassword) {
    Api.Response response = tokenAttempt(withPassword);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.text("access_token");
  }

  private static String createBoard(Users.User owner, String name) {
    Api.Response created = owner.client().post("/v5/boards", Map.of("name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** A username that no other test of this JVM uses, starting with the prefix. */
  private static String uniqueUsername(String prefix) {
    return prefix
        + Long.toString(System.nanoTime() % 1_000_000_000L, 36)
        + "_"
        + SEQUENCE.incrementAndGet();
  }

  /** A likely-unique username of exactly the length, starting with the prefix. */
  private static String uniqueUsername(String prefix, int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_";
    StringBuilder name = new StringBuilder(prefix);
    while (name.length() < length) {
      name.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return name.toString();
  }
}
