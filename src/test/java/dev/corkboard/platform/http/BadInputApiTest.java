package dev.corkboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.support.Api;
import dev.corkboard.support.Internals;
import dev.corkboard.support.Users;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a client sends, the answer is a 4xx {@code {"code", "message"}} that names what was
 * wrong, never a 500 and never anything internal.
 */
class BadInputApiTest {

  private static Users.User alice;
  private static String boardId;

  @BeforeAll
  static void signUpAnOwnerWithABoard() {
    alice = Users.signUp();
    Api.Response created = alice.client().post("/v5/boards", Map.of("name", "Fixtures"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    boardId = created.text("id");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": \"Unclosed\"",
        "{name: \"Unquoted key\"}",
        "{\"name\": \"Trailing comma\",}",
        "{'name': 'Single quotes'}",
        "not json at all",
        "{\"name\": \"Two values\"} {\"name\": \"Second\"}",
        "{\"name\": \"Trailing garbage\"} x"
      })
  void malformedJsonAnswers400Code1(String body) {
    Api.Response response = postBoard(body);

    assertClientError(response, 400, 1, "JSON");
  }

  @Test
  void bodyThatIsNotUtf8Answers400Code1() {
    byte[] body = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};

    Api.Response response = alice.client().send("POST", "/v5/boards", "application/json", body);

    assertClientError(response, 400, 1);
  }

  @Test
  void jsonNestedTooDeeplyAnswers400NotAStackOverflow() {
    int depth = 100_000;
    String body = "{\"name\": " + "[".repeat(depth) + "]".repeat(depth) + "}";

    Api.Response response = postBoard(body);

    assertClientError(response, 400, 1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"[]", "[{\"name\": \"In an array\"}]", "\"Recipes\"", "42", "null", "true"})
  void bodyThatIsNotAJsonObjectAnswers400(String body) {
    Api.Response response = postBoard(body);

    assertClientError(response, 400, 1, "JSON object");
  }

  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\": 5} | name",
        "{\"name\": {}} | name",
        "{\"name\": [\"a\"]} | name",
        "{\"name\": \"Ok\", \"privacy\": true} | privacy",
        "{\"name\": \"Ok\", \"description\": []} | description",
        "{\"name\": \"Ok\", \"description\": 12} | description",
        "{\"name\": \"Ok\", \"is_ads_only\": \"no\"} | is_ads_only"
      })
  void wrongJsonTypesAnswer400NamingTheField(String body, String field) {
    Api.Response response = postBoard(body);

    assertClientError(response, 400, 1, field);
  }

  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\": 5} | name",
        "{\"name\": null} | name",
        "{\"privacy\": false} | privacy",
        "{\"description\": {\"a\": 1}} | description"
      })
  void wrongJsonTypesInAnUpdateAnswer400NamingTheField(String body, String field) {
    Api.Response response =
        alice
            .client()
            .send(
                "PATCH",
                "/v5/boards/" + boardId,
                "application/json",
                body.getBytes(StandardCharsets.UTF_8));

    assertClientError(response, 400, 1, field);
  }

  @Test
  void unknownPrivacyOnCreateAnswers400ListingTheAllowedValues() {
    Api.Response response = postBoard("{\"name\": \"Friends only\", \"privacy\": \"FRIENDS\"}");

    assertClientError(response, 400, 1, "privacy", "PUBLIC", "PROTECTED", "SECRET");
  }

  @Test
  void privacyIsMatchedExactlyNotIgnoringCase() {
    Api.Response response = postBoard("{\"name\": \"Lower\", \"privacy\": \"public\"}");

    assertClientError(response, 400, 1, "privacy", "PUBLIC");
  }

  @Test
  void unknownPrivacyOnUpdateAnswers400ListingTheValuesAnUpdateMaySet() {
    Api.Response response =
        alice.client().patch("/v5/boards/" + boardId, Map.of("privacy", "FRIENDS"));

    assertClientError(response, 400, 1, "privacy", "PUBLIC", "SECRET");
  }

  @Test
  void unknownPrivacyFilterOnListAnswers400ListingTheAllowedValues() {
    Api.Response response = alice.client().get("/v5/boards?privacy=FRIENDS");

    assertClientError(response, 400, 1, "privacy", "PUBLIC");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badNames")
  void boardNameThatIsMissingEmptyBlankOrTooLongAnswers400NamingName(String body) {
    Api.Response response = postBoard(body);

    assertClientError(response, 400, 1, "name");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badNames")
  void sectionNameThatIsMissingEmptyBlankOrTooLongAnswers400NamingName(String body) {
    Api.Response response =
        alice
            .client()
            .send(
                "POST",
                "/v5/boards/" + boardId + "/sections",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8));

    assertClientError(response, 400, 1, "name");
  }

  static Stream<String> badNames() {
    return Stream.of(
        "{}",
        "{\"description\": \"no name\"}",
        "{\"name\": \"\"}",
        "{\"name\": \"   \"}",
        "{\"name\": \"\\t\\n\"}",
        "{\"name\": \"" + "n".repeat(181) + "\"}",
        "{\"name\": \"" + "😀".repeat(181) + "\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "😀"})
  void boardNameOf180CharactersIsAccepted(String character) {
    String name = character.repeat(179) + (character.equals("a") ? "b" : "c");

    Api.Response response = alice.client().post("/v5/boards", Map.of("name", name));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.text("name")).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"name\": \"nul\\u0000inside\"} | name",
        "{\"name\": \"Ok nul\", \"description\": \"a\\u0000b\"} | description"
      })
  void textWithANulCharacterAnswers400NamingTheField(String body, String field) {
    Api.Response response = postBoard(body);

    assertClientError(response, 400, 1, field);
  }

  @Test
  void tokenNameWithANulCharacterAnswers400NamingName() {
    Api.Response response =
        alice
            .withPassword()
            .send(
                "POST",
                "/v5/tokens",
                "application/json",
                "{\"name\": \"nul\\u0000\", \"scopes\": [\"boards:read\"]}"
                    .getBytes(StandardCharsets.UTF_8));

    assertClientError(response, 400, 1, "name");
  }

  @ParameterizedTest(name = "{0}?page_size={1}")
  @MethodSource("badPageSizes")
  void pageSizeOutOfRangeOrNotANumberAnswers400Code1NamingPageSize(String list, String size) {
    String path = list.replace("{board_id}", boardId);

    Api.Response response = alice.client().get(path + "?page_size=" + size);

    assertClientError(response, 400, 1, "page_size");
  }

  static Stream<Arguments> badPageSizes() {
    List<String> lists = List.of("/v5/boards", "/v5/boards/{board_id}/sections", "/v5/tokens");
    List<String> sizes = List.of("0", "251", "x", "-1", "", "1.5", "99999999999", "%201");
    return lists.stream().flatMap(l -> sizes.stream().map(s -> Arguments.of(l, s)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "250"})
  void pageSizeAtTheLimitsIsAccepted(String size) {
    Api.Response response = alice.client().get("/v5/boards?page_size=" + size);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  @Test
  void bookmarkThatNoPageMadeAnswers400NamingBookmark() {
    Api.Response response = alice.client().get("/v5/boards?bookmark=bm90LWEtYm9va21hcmsK");

    assertClientError(response, 400, 1, "bookmark");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /v5/boards/abc, board_id",
    "PATCH, /v5/boards/abc, board_id",
    "DELETE, /v5/boards/abc, board_id",
    "GET, /v5/boards/-1, board_id",
    "GET, /v5/boards/1e3, board_id",
    "GET, /v5/boards/0x1F, board_id",
    "GET, /v5/boards/12a/sections, board_id",
    "POST, /v5/boards/12a/sections, board_id",
    "GET, /v5/boards/12a/pins, board_id",
    "PATCH, /v5/boards/{board_id}/sections/x9, section_id",
    "DELETE, /v5/boards/{board_id}/sections/x9, section_id"
  })
  void idThatIsNotDigitsAnswers400NamingTheParameter(String method, String path, String name) {
    Api.Response response = send(method, path.replace("{board_id}", boardId), "{\"name\":\"n\"}");

    assertClientError(response, 400, 1, name);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /v5/boards/1",
    "GET, /v5/boards/0",
    "GET, /v5/boards/123456789",
    "PATCH, /v5/boards/123456789",
    "DELETE, /v5/boards/123456789",
    "GET, /v5/boards/123456789/sections",
    "POST, /v5/boards/123456789/sections",
    "GET, /v5/boards/123456789/pins",
    "GET, /v5/boards/9223372036854775807",
    "GET, /v5/boards/9223372036854775808",
    "GET, /v5/boards/99999999999999999999999",
    "DELETE, /v5/boards/99999999999999999999999",
    "PATCH, /v5/boards/{board_id}/sections/123456789",
    "DELETE, /v5/boards/{board_id}/sections/99999999999999999999999"
  })
  void unknownIdAnswers404Code40(String method, String path) {
    Api.Response response = send(method, path.replace("{board_id}", boardId), "{\"name\":\"n\"}");

    assertClientError(response, 404, 40);
  }

  @Test
  void idOfAHundredDigitsIsUnknownNotMalformed() {
    Api.Response response = alice.client().get("/v5/boards/" + "9".repeat(100));

    assertClientError(response, 404, 40);
  }

  @Test
  void bodyOverOneMebibyteAnswers413() {
    String padding = "a".repeat(Call.MAX_BODY_BYTES);

    Api.Response board = postBoard("{\"name\": \"Big\", \"description\": \"" + padding + "\"}");
    Api.Response account =
        Api.anonymous()
            .send(
                "POST",
                "/v5/accounts",
                "application/json",
                ("{\"username\": \"big_body\", \"password\": \"" + padding + "\"}")
                    .getBytes(StandardCharsets.UTF_8));

    assertClientError(board, 413, 1);
    assertClientError(account, 413, 1);
  }

  @Test
  void bodyOfExactlyOneMebibyteIsReadAndJudgedOnItsContent() {
    String start = "{\"name\": \"Exact\", \"description\": \"";
    String end = "\"}";
    String body = start + "a".repeat(Call.MAX_BODY_BYTES - start.length() - end.length()) + end;
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(Call.MAX_BODY_BYTES);

    Api.Response response = postBoard(body);

    assertClientError(response, 400, 1, "description");
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
  void bodyOfAnotherContentTypeAnswers415(String contentType) {
    Api.Response response =
        alice
            .client()
            .send(
                "POST",
                "/v5/boards",
                contentType,
                "{\"name\": \"Typed\"}".getBytes(StandardCharsets.UTF_8));

    assertClientError(response, 415, 1, "Content-Type");
  }

  @Test
  void bodyWithoutAContentTypeAnswers415() {
    Api.Response response =
        alice
            .client()
            .send(
                "POST",
                "/v5/boards",
                null,
                "{\"name\": \"Untyped\"}".getBytes(StandardCharsets.UTF_8));

    assertClientError(response, 415, 1, "Content-Type");
  }

  @Test
  void jsonWithACharsetParameterIsAccepted() {
    Api.Response response =
        alice
            .client()
            .send(
                "POST",
                "/v5/boards",
                "application/json; charset=utf-8",
                "{\"name\": \"With charset\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, /v5/boards",
    "PATCH, /v5/boards/{board_id}",
    "POST, /v5/boards/{board_id}/sections",
    "POST, /v5/tokens",
    "POST, /v5/accounts"
  })
  void writeWithAnEmptyBodyAnswers400(String method, String path) {
    Api client = path.equals("/v5/tokens") ? alice.withPassword() : alice.client();

    Api.Response response =
        client.send(method, path.replace("{board_id}", boardId), "application/json", new byte[0]);

    assertClientError(response, 400, 1, "body");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /v5/nothing-here",
    "GET, /v5/boards/1/nothing",
    "PUT, /v5/boards",
    "GET, /nothing-here",
    "GET, /"
  })
  void unknownRouteAnswers404Json(String method, String path) {
    Api.Response response = alice.client().send(method, path, null, null);

    assertClientError(response, 404, 404, "No route");
  }

  private static Api.Response postBoard(String body) {
    return send("POST", "/v5/boards", body);
  }

  private static Api.Response send(String method, String path, String body) {
    return alice
        .client()
        .send(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Fails unless the answer has the status and code and is a JSON {@code {"code", "message"}} whose
   * message mentions every given word and nothing internal.
   */
  private static void assertClientError(
      Api.Response response, int status, int code, String... mentions) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    JsonNode json = response.json();
    assertThat(json.path("code").isInt()).as(response.body()).isTrue();
    assertThat(json.path("message").isTextual()).as(response.body()).isTrue();
    assertThat(response.code()).as(response.body()).isEqualTo(code);
    for (String mention : mentions) {
      assertThat(response.message()).contains(mention);
    }
    assertThat(Internals.find(response.body())).as(response.body()).isEmpty();
  }
}
