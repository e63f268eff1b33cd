package dev.corkboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.json.Json;
import dev.corkboard.support.Api;
import dev.corkboard.support.Internals;
import dev.corkboard.support.RawHttp;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * At the level of bytes on one connection, every request gets exactly one answer, framed so that a
 * keep-alive client stays in step, and a body is never read as a request.
 */
class HttpFramingApiTest {

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");

  private static Users.User alice;
  private static Users.User mallory;

  @BeforeAll
  static void signUp() {
    alice = Users.signUp();
    mallory = Users.signUp();
  }

  @Test
  void bodyOfARequestAnsweredEarlyWithConnectionCloseIsNeverParsedAsARequest() {
    String boardId = aliceBoard();
    String smuggled =
        "DELETE /v5/boards/"
            + boardId
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + alice.token()
            + "\r\nContent-Length: 0\r\n\r\n";

    String answer =
        exchange(
            "POST /v5/boards HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: Bearer not-a-token\r\n"
                + "Connection: close\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: "
                + smuggled.length()
                + "\r\n\r\n"
                + smuggled);

    assertThat(statuses(answer)).as(answer).containsExactly(401);
    assertThat(alice.client().get("/v5/boards/" + boardId).status()).isEqualTo(200);
  }

  @Test
  void bodyOfAnUnauthenticatedRequestOnAKeepAliveConnectionIsNeverParsedAsARequest() {
    String boardId = aliceBoard();
    String smuggled =
        "DELETE /v5/boards/"
            + boardId
            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + alice.token()
            + "\r\nContent-Length: 0\r\n\r\n";

    String answer =
        exchange(
            "POST /v5/boards HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: Bearer "
                + mallory.token()
                + "x\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: "
                + smuggled.length()
                + "\r\n\r\n"
                + smuggled
                + "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    assertThat(statuses(answer)).as(answer).containsExactly(401, 200);
    assertThat(alice.client().get("/v5/boards/" + boardId).status()).isEqualTo(200);
  }

  @Test
  void requestsPipelinedAfterConnectionCloseAreNotAnswered() {
    String answer =
        exchange(
            "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");

    assertThat(statuses(answer)).as(answer).containsExactly(200);
  }

  @Test
  void bodyHoldingARequestOnARouteWithoutAuthenticationIsNeverParsedAsARequest() {
    String smuggled = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";

    String answer =
        exchange(
            "GET /health HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Connection: close\r\n"
                + "Content-Length: "
                + smuggled.length()
                + "\r\n\r\n"
                + smuggled);

    assertThat(statuses(answer)).as(answer).containsExactly(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/health", "/v5/nothing-here", "/v5/boards"})
  void headAnswersWithoutABodySoTheNextAnswerOnTheConnectionStaysInStep(String path) {
    String answer =
        exchange(
            "HEAD "
                + path
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

    assertThat(statuses(answer)).as(answer).hasSize(2).endsWith(200);
    String head = answer.substring(0, answer.indexOf("HTTP/1.1", 1));
    assertThat(head).as(answer).endsWith("\r\n\r\n");
  }

  @Test
  void headAnswersTheStatusHeadersAndLengthOfGet() {
    String boardId = aliceBoard();
    Api.Response get = alice.client().get("/v5/boards/" + boardId);

    String answer =
        exchange(
            "HEAD /v5/boards/"
                + boardId
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + alice.token()
                + "\r\nConnection: close\r\n\r\n");

    assertThat(statuses(answer)).as(answer).containsExactly(200);
    assertThat(answer)
        .containsIgnoringCase("content-type: application/json")
        .containsIgnoringCase(
            "content-length: " + get.body().getBytes(StandardCharsets.UTF_8).length + "\r\n")
        .endsWith("\r\n\r\n");
  }

  @Test
  void http10RequestIsServedAndItsConnectionClosed() {
    String answer =
        exchange(
            "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n"
                + "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n");

    assertThat(statuses(answer)).as(answer).containsExactly(200);
    assertThat(answer).contains("\"status\":\"UP\"");
  }

  @Test
  void http10RequestWithABodyIsServed() {
    String body = "{\"name\": \"Over HTTP/1.0 " + System.nanoTime() + "\"}";

    String answer =
        exchange(
            "POST /v5/boards HTTP/1.0\r\n"
                + "Host: localhost\r\n"
                + "Connection: keep-alive\r\n"
                + "Authorization: Bearer "
                + alice.token()
                + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\n\r\n"
                + body);

    assertThat(statuses(answer)).as(answer).containsExactly(201);
    assertThat(answer).containsIgnoringCase("connection: close");
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "json | POST /v5/boards",
        "/ | POST /v5/boards",
        "application/json;x | POST /v5/boards",
        "application/json; charset | PATCH /v5/boards/1",
        "json | POST /v5/accounts",
        "/ | POST /v5/boards/1/sections"
      })
  void malformedContentTypeAnswers4xxWithPinterestsBody(String contentType, String request) {
    String body = "{\"name\": \"Typed\"}";
    String head =
        request
            + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + "Content-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length()
            + "\r\n";

    String anonymous = exchange(head + "\r\n" + body);
    String authorized =
        exchange(head + "Authorization: Bearer " + alice.token() + "\r\n\r\n" + body);

    assertPinterestError(anonymous, 400, 401, 415);
    assertPinterestError(authorized, 400, 404, 415);
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET /health", "GET /v5/nothing-here", "GET /v5/boards"})
  void malformedContentTypeOnARequestThatReadsNoBodyIsNeverA5xx(String request) {
    String answer =
        exchange(
            request
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json;x\r\nContent-Length: 2\r\n\r\n{}");

    assertThat(statuses(answer)).as(answer).hasSize(1).allMatch(status -> status < 500);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zz", "-1", "ffffffffffffffffff", ""})
  void invalidChunkSizeAnswers400WithPinterestsBody(String size) {
    String answer =
        exchange(
            "POST /v5/boards HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + alice.token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + size
                + "\r\n{}\r\n0\r\n\r\n");

    assertPinterestError(answer, 400, 413);
  }

  @Test
  void clientThatHangsUpBeforeItsAnswerIsCountedInMetrics() throws Exception {
    double before = disconnects();

    try (Socket socket = new Socket()) {
      // A small window, no reading and many documents asked for: the server blocks writing them
      // until the reset.
      socket.setReceiveBufferSize(1024);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", TestServer.shared().port()));
      socket
          .getOutputStream()
          .write(
              "GET /v5/openapi.json HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  .repeat(50)
                  .getBytes(StandardCharsets.ISO_8859_1));
      Thread.sleep(500);
      socket.setSoLinger(true, 0);
    }

    long deadline = System.nanoTime() + 5_000_000_000L;
    while (disconnects() <= before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(disconnects()).isGreaterThan(before);
  }

  private static double disconnects() {
    String metrics = Api.anonymous().get("/metrics").body();
    Matcher matcher =
        Pattern.compile("(?m)^http_client_disconnects_total(?:\\{[^}]*\\})? (\\S+)$")
            .matcher(metrics);
    assertThat(matcher.find()).as(metrics).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("requestsRefusedBelowTheRoutes")
  void errorRaisedBelowTheRoutesAnswersPinterestsBody(String request, int status) {
    String answer = exchange(request);

    assertPinterestError(answer, status);
  }

  static Stream<Arguments> requestsRefusedBelowTheRoutes() {
    return Stream.of(
        Arguments.of("GET /v5/boards?bookmark=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
        Arguments.of("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 414),
        Arguments.of(
            "POST /v5/boards HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400),
        Arguments.of("GET /health HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
        Arguments.of("GET /health HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n\r\n", 400),
        Arguments.of("GET /health HTTP/1.1\r\n\r\n", 400),
        Arguments.of("GET /health HTTP/1.1\r\nHost: localhost\r\nNo colon\r\n\r\n", 400),
        Arguments.of("GET /health HTTP/2.5\r\nHost: localhost\r\n\r\n", 400),
        Arguments.of("G@T /health HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
        Arguments.of("\tGET /health HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
        Arguments.of("/health HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
        Arguments.of(
            "POST /v5/boards HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked\r\n"
                + "\r\n0\r\n\r\n",
            400),
        Arguments.of(
            "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n",
            431),
        Arguments.of(
            "GET /v5/boards HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + "t".repeat(20_000)
                + "\r\n\r\n",
            431),
        Arguments.of(
            "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Huge: "
                + "h".repeat(300_000)
                + "\r\n\r\n",
            400));
  }

  private static String aliceBoard() {
    Api.Response created =
        alice.client().post("/v5/boards", Map.of("name", "Target " + System.nanoTime()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.text("id");
  }

  /** Writes the request on a new connection to the shared server and answers what came back. */
  static String exchange(String request) {
    return RawHttp.exchange(TestServer.shared().port(), request);
  }

  /**
   * Fails unless the bytes hold exactly one answer, of one of the statuses, whose body is
   * Pinterest's {@code {"code", "message"}}.
   */
  static void assertPinterestError(String answer, Integer... statuses) {
    assertThat(statuses(answer)).as(answer).hasSize(1);
    assertThat(statuses(answer).getFirst()).as(answer).isIn((Object[]) statuses);
    int start = answer.indexOf("\r\n\r\n");
    assertThat(start).as(answer).isPositive();
    JsonNode body =
        Json.parseTrusted(answer.substring(start + 4).getBytes(StandardCharsets.ISO_8859_1));
    assertThat(body.path("code").isInt()).as(answer).isTrue();
    assertThat(body.path("message").isTextual()).as(answer).isTrue();
    assertThat(Internals.find(answer)).as(answer).isEmpty();
  }

  /** The status of every response in the bytes, in order. */
  static List<Integer> statuses(String answer) {
    List<Integer> statuses = new ArrayList<>();
    Matcher matcher = STATUS_LINE.matcher(answer);
    while (matcher.find()) {
      statuses.add(Integer.parseInt(matcher.group(1)));
    }
    return statuses;
  }
}
