package dev.corkboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.Users;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthApiTest {

  private final Api anonymous = Api.anonymous();

  @ParameterizedTest
  @CsvSource({
    "GET, /v5/boards",
    "POST, /v5/boards",
    "GET, /v5/user_account",
    "GET, /v5/tokens",
    "POST, /v5/tokens",
    "DELETE, /v5/tokens/1"
  })
  void answers401WithCode2WithoutAnAuthorizationHeader(String method, String path) {
    Api.Response response =
        anonymous.send(
            method, path, "application/json", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.code()).isEqualTo(2);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer cbk_thisTokenWasNeverIssued", "Bearer ", "Bearer", "bearer x y"})
  void answers401WithCode2ForABearerTokenThatIsUnknown(String header) {
    Api.Response response = anonymous.authorization(header).get("/v5/user_account");

    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.code()).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("malformedBasicHeaders")
  void answers401WithCode2ForMalformedBasicCredentials(String header) {
    Api.Response response = anonymous.authorization(header).get("/v5/tokens");

    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.code()).isEqualTo(2);
  }

  static Stream<String> malformedBasicHeaders() {
    return Stream.of(
        "Basic",
        "Basic ",
        "Basic !!!not-base64!!!",
        "Basic " + base64("no-colon-in-here"),
        "Basic " + base64(":" + Users.PASSWORD),
        "Basic " + base64("nul\u0000name:" + Users.PASSWORD),
        "Digest username=\"someone\"");
  }

  @Test
  void issuingATokenWithAWrongPasswordAnswers401WithCode2() {
    Users.User alice = Users.signUp();

    Api.Response response =
        anonymous
            .basic(alice.username(), "not the password")
            .post("/v5/tokens", tokenRequest("laptop", List.of("boards:read")));

    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.code()).isEqualTo(2);
    assertThat(response.body()).doesNotContain("access_token");
  }

  @Test
  void wrongPasswordAndUnknownUsernameAreAnsweredAlike() {
    Users.User alice = Users.signUp();

    Api.Response wrongPassword =
        anonymous
            .basic(alice.username(), "not the password")
            .post("/v5/tokens", tokenRequest("x", List.of("boards:read")));
    Api.Response unknownUser =
        anonymous
            .basic("nobody_" + alice.username(), "not the password")
            .post("/v5/tokens", tokenRequest("x", List.of("boards:read")));

    assertThat(unknownUser.status()).isEqualTo(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
  }

  @Test
  void passwordLoginIgnoresTheCaseOfTheUsername() {
    Users.User alice = Users.signUp();

    Api.Response response =
        anonymous
            .basic(alice.username().toUpperCase(Locale.ROOT), Users.PASSWORD)
            .get("/v5/tokens");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  @Test
  void aBearerTokenCannotIssueTokensOnlyThePasswordCan() {
    Users.User alice = Users.signUp();

    Api.Response response =
        alice.client().post("/v5/tokens", tokenRequest("escalate", Users.ALL_SCOPES));

    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.code()).isEqualTo(2);
  }

  @Test
  void pinterestOperationsTakeABearerTokenNotThePassword() {
    Users.User alice = Users.signUp();

    Api.Response response = alice.withPassword().get("/v5/user_account");

    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.code()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{1} {2} with {0} lacks {3}")
  @MethodSource("missingScopes")
  void answers403WithCode3WhenTheTokenLacksAScopeTheOperationNeeds(
      List<String> granted, String method, String path, String missing) {
    Users.User alice = Users.signUp();
    Api token = alice.withScopes(granted.toArray(String[]::new));

    Api.Response response =
        token.send(
            method,
            path,
            "application/json",
            "{\"name\": \"Should not exist\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as(response.body()).isEqualTo(403);
    assertThat(response.code()).isEqualTo(3);
    assertThat(response.message()).contains(missing);
    // Nothing happened on the caller's behalf.
    assertThat(alice.client().get("/v5/user_account").json().path("board_count").asInt(-1))
        .isZero();
  }

  static Stream<Arguments> missingScopes() {
    return Stream.of(
        Arguments.of(List.of("pins:read"), "GET", "/v5/boards", "boards:read"),
        Arguments.of(List.of("boards:read"), "POST", "/v5/boards", "boards:write"),
        Arguments.of(List.of("boards:write"), "POST", "/v5/boards", "boards:read"),
        Arguments.of(List.of("boards:read"), "GET", "/v5/user_account", "user_accounts:read"),
        Arguments.of(List.of("boards:read"), "GET", "/v5/boards/1/pins", "pins:read"),
        Arguments.of(List.of("boards:read"), "GET", "/v5/tokens", "user_accounts:read"),
        Arguments.of(
            List.of("user_accounts:read"), "DELETE", "/v5/tokens/1", "user_accounts:write"));
  }

  @ParameterizedTest
  @CsvSource({
    "boards:read, GET, /v5/boards",
    "user_accounts:read, GET, /v5/user_account",
    "user_accounts:read, GET, /v5/tokens"
  })
  void aTokenWithTheNeededScopeIsLetThrough(String scope, String method, String path) {
    Users.User alice = Users.signUp();

    Api.Response response = alice.withScopes(scope).send(method, path, null, null);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  @Test
  void aTokenWithBoardsWriteButNotSecretCannotCreateASecretBoard() {
    Users.User alice = Users.signUp();

    Api.Response response =
        alice
            .withScopes("boards:read", "boards:write")
            .post("/v5/boards", Map.of("name", "Hidden", "privacy", "SECRET"));

    assertThat(response.status()).as(response.body()).isEqualTo(403);
    assertThat(response.code()).isEqualTo(3);
    assertThat(response.message()).contains("boards:write_secret");
  }

  @Test
  void issuingATokenAnswersItsIdSecretTypeAndSpaceSeparatedScopes() {
    Users.User alice = Users.signUp();

    Api.Response issued =
        alice
            .withPassword()
            .post("/v5/tokens", tokenRequest("phone", List.of("pins:read", "boards:read")));

    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    assertThat(issued.text("id")).matches("\\d+");
    assertThat(issued.text("access_token")).isNotBlank();
    assertThat(issued.text("token_type")).isEqualTo("bearer");
    assertThat(issued.text("scope").split(" "))
        .containsExactlyInAnyOrder("pins:read", "boards:read");
    Api token = anonymous.bearer(issued.text("access_token"));
    assertThat(token.get("/v5/boards").status()).isEqualTo(200);
    assertThat(token.get("/v5/user_account").status()).isEqualTo(403);
  }

  @Test
  void eachIssuedTokenHasItsOwnSecret() {
    Users.User alice = Users.signUp();

    String first = alice.issueToken(List.of("boards:read"));
    String second = alice.issueToken(List.of("boards:read"));

    assertThat(first).isNotEqualTo(second).isNotEqualTo(alice.token());
  }

  @Test
  void issuingATokenWithAnUnknownScopeAnswers400NamingIt() {
    Users.User alice = Users.signUp();
    int before = tokenIds(alice.withPassword()).size();

    Api.Response response =
        alice
            .withPassword()
            .post("/v5/tokens", tokenRequest("x", List.of("boards:read", "boards:destroy")));

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("boards:destroy");
    assertThat(tokenIds(alice.withPassword())).hasSize(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": \"x\", \"scopes\": []}",
        "{\"name\": \"x\"}",
        "{\"name\": \"x\", \"scopes\": null}",
        "{\"name\": \"x\", \"scopes\": \"boards:read\"}",
        "{\"name\": \"x\", \"scopes\": [1, 2]}"
      })
  void issuingATokenWithoutAListOfScopesAnswers400NamingScopes(String body) {
    Users.User alice = Users.signUp();

    Api.Response response = alice.withPassword().post("/v5/tokens", body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("scopes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"scopes\": [\"boards:read\"]}",
        "{\"name\": \"\", \"scopes\": [\"boards:read\"]}",
        "{\"name\": \"   \", \"scopes\": [\"boards:read\"]}",
        "{\"name\": 7, \"scopes\": [\"boards:read\"]}"
      })
  void issuingATokenWithoutANameAnswers400NamingName(String body) {
    Users.User alice = Users.signUp();

    Api.Response response = alice.withPassword().post("/v5/tokens", body);

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("name");
  }

  @Test
  void listingTokensShowsTheCallersTokensWithoutTheirSecrets() {
    Users.User alice = Users.signUp();
    Users.User bob = Users.signUp();
    Api.Response issued =
        alice.withPassword().post("/v5/tokens", tokenRequest("laptop", List.of("pins:read")));
    String secret = issued.text("access_token");
    String bobsTokenId = issuedId(bob, "bob's", List.of("boards:read"));

    Api.Response list = alice.client().get("/v5/tokens");

    assertThat(list.status()).as(list.body()).isEqualTo(200);
    JsonNode items = list.json().path("items");
    assertThat(items.size()).isEqualTo(2); // the fixture's token and "laptop"
    JsonNode laptop = null;
    for (JsonNode item : items) {
      assertThat(item.has("access_token")).isFalse();
      if (item.path("id").asText().equals(issued.text("id"))) {
        laptop = item;
      }
    }
    assertThat(laptop).isNotNull();
    assertThat(laptop.path("name").asText()).isEqualTo("laptop");
    assertThat(laptop.path("scope").asText()).isEqualTo("pins:read");
    assertThat(list.body())
        .doesNotContain(secret)
        .doesNotContain(alice.token())
        .doesNotContain(bobsTokenId);
  }

  @Test
  void listingTokensWorksWithThePassword() {
    Users.User alice = Users.signUp();
    String id = issuedId(alice, "desktop", List.of("boards:read"));

    Api.Response list = alice.withPassword().get("/v5/tokens");

    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(tokenIds(alice.withPassword())).contains(id);
  }

  @Test
  void revokingATokenAnswers204AndTheTokenFailsOnTheVeryNextRequest() {
    Users.User alice = Users.signUp();
    Api.Response issued =
        alice.withPassword().post("/v5/tokens", tokenRequest("old", List.of("boards:read")));
    Api doomed = anonymous.bearer(issued.text("access_token"));
    assertThat(doomed.get("/v5/boards").status()).isEqualTo(200);

    Api.Response revoked = alice.client().delete("/v5/tokens/" + issued.text("id"));
    Api.Response next = doomed.get("/v5/boards");

    assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
    assertThat(next.status()).as(next.body()).isEqualTo(401);
    assertThat(next.code()).isEqualTo(2);
    assertThat(tokenIds(alice.withPassword())).doesNotContain(issued.text("id"));
    assertThat(alice.client().get("/v5/boards").status()).isEqualTo(200);
  }

  @Test
  void aTokenCanRevokeItself() {
    Users.User alice = Users.signUp();
    Api.Response issued =
        alice
            .withPassword()
            .post("/v5/tokens", tokenRequest("self", List.of("user_accounts:write")));
    Api self = anonymous.bearer(issued.text("access_token"));

    assertThat(self.delete("/v5/tokens/" + issued.text("id")).status()).isEqualTo(204);
    assertThat(self.delete("/v5/tokens/" + issued.text("id")).status()).isEqualTo(401);
  }

  @Test
  void revokingAnotherUsersTokenAnswers404AndTheTokenKeepsWorking() {
    Users.User alice = Users.signUp();
    Users.User mallory = Users.signUp();
    Api.Response issued =
        alice.withPassword().post("/v5/tokens", tokenRequest("mine", List.of("boards:read")));

    Api.Response attempt = mallory.client().delete("/v5/tokens/" + issued.text("id"));
    Api.Response withPassword = mallory.withPassword().delete("/v5/tokens/" + issued.text("id"));

    assertThat(attempt.status()).as(attempt.body()).isEqualTo(404);
    assertThat(withPassword.status()).as(withPassword.body()).isEqualTo(404);
    assertThat(anonymous.bearer(issued.text("access_token")).get("/v5/boards").status())
        .isEqualTo(200);
    assertThat(tokenIds(alice.withPassword())).contains(issued.text("id"));
  }

  @Test
  void revokingAnUnknownTokenAnswers404() {
    Users.User alice = Users.signUp();

    Api.Response response = alice.client().delete("/v5/tokens/123456789");

    assertThat(response.status()).as(response.body()).isEqualTo(404);
    assertThat(response.code()).isEqualTo(404);
  }

  @Test
  void revokingATokenByANonNumericIdAnswers400NamingTokenId() {
    Users.User alice = Users.signUp();

    Api.Response response = alice.client().delete("/v5/tokens/abc");

    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.code()).isEqualTo(1);
    assertThat(response.message()).contains("token_id");
  }

  @Test
  void revokingWithATokenThatLacksUserAccountsWriteAnswers403AndKeepsTheToken() {
    Users.User alice = Users.signUp();
    String victim = issuedId(alice, "victim", List.of("boards:read"));

    Api.Response response = alice.withScopes("user_accounts:read").delete("/v5/tokens/" + victim);

    assertThat(response.status()).as(response.body()).isEqualTo(403);
    assertThat(response.code()).isEqualTo(3);
    assertThat(tokenIds(alice.withPassword())).contains(victim);
  }

  private static Map<String, Object> tokenRequest(String name, List<String> scopes) {
    return Map.of("name", name, "scopes", scopes);
  }

  private static String issuedId(Users.User owner, String name, List<String> scopes) {
    Api.Response issued = owner.withPassword().post("/v5/tokens", tokenRequest(name, scopes));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.text("id");
  }

  private static List<String> tokenIds(Api client) {
    Api.Response list = client.get("/v5/tokens?page_size=250");
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    list.json().path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
