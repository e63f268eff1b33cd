package dev.corkboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.Application;
import dev.corkboard.platform.http.FuzzFixtures.Kind;
import dev.corkboard.platform.http.FuzzFixtures.Owner;
import dev.corkboard.platform.http.FuzzFixtures.Ref;
import dev.corkboard.platform.json.Json;
import dev.corkboard.support.Api;
import dev.corkboard.support.ImageServer;
import dev.corkboard.support.Internals;
import dev.corkboard.support.Pins;
import dev.corkboard.support.RawHttp;
import dev.corkboard.support.TestServer;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the whole HTTP API: thousands of hostile requests to every operation of the
 * served OpenAPI document, and hostile byte streams below it, all answered without a 5xx, without
 * anything internal on the wire, and with Pinterest's {@code {"code", "message"}} body on every
 * error; the server stays healthy and no request hidden in a body is ever executed.
 *
 * <p>{@code -Dcorkboard.fuzz.seed=N} replays a run (its seed is printed on the summary line),
 * {@code -Dcorkboard.fuzz.requests=N} sets how many requests it sends, and {@code
 * -Dcorkboard.fuzz.profile=true} prints the time spent on each operation and the raw cases the
 * server closed without answering.
 */
class FuzzApiTest {

  private static final long DEFAULT_SEED = 20_261_202L;
  private static final int DEFAULT_REQUESTS = 10_000;
  private static final int REPORTED = 25;

  private static final Pattern OPAQUE =
      Pattern.compile("\"(bookmark|access_token)\":\"[A-Za-z0-9_\\-+/=]*\"");

  /** The signature of a signed media URL: random base64 too. */
  private static final Pattern SIGNATURE = Pattern.compile("signature=[A-Za-z0-9_\\-]*");

  @Test
  void hostileRequestsToEveryOperationAreAnsweredCleanlyAndNoneIsEverA5xx() throws Exception {
    long seed = Long.getLong("corkboard.fuzz.seed", DEFAULT_SEED);
    int total = Integer.getInteger("corkboard.fuzz.requests", DEFAULT_REQUESTS);
    Run run = new Run();
    try (Application app = TestServer.start(TestServer.newDataDir(), true);
        ImageServer images = new ImageServer()) {
      Api anonymous = Api.of(app);
      JsonNode document =
          Json.parseTrusted(
              anonymous.get("/v5/openapi.json").body().getBytes(StandardCharsets.UTF_8));
      List<FuzzRequests.Operation> operations = FuzzRequests.operations(document);
      operations.forEach(op -> run.documented.add(op.key()));
      FuzzFixtures fixtures = new FuzzFixtures(anonymous);
      Random random = new Random(seed);
      FuzzRequests requests =
          new FuzzRequests(
              document, fixtures, random, images.serve("/fuzz.png", fixtures.png()), app.port());
      run.lap();

      int rawBudget = total / 5;
      run.operations(app.port(), schedule(operations), requests, total - rawBudget);
      run.lap();
      run.framing(app.port(), random, fixtures, rawBudget);
      run.lap();

      // Healthy after: the system routes answer and ordinary calls work.
      Api owner = fixtures.user(Owner.OWNER).client();
      assertThat(anonymous.get("/health").status()).isEqualTo(200);
      assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
      Api.Response board =
          owner.get("/v5/boards/" + fixtures.id(new Ref(Kind.BOARD, Owner.OWNER, true)));
      assertThat(board.status()).as(board.body()).isEqualTo(200);
      Api.Response created = owner.post("/v5/boards", Map.of("name", "After the fuzz"));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(owner.get("/v5/user_account").status()).isEqualTo(200);
      run.fixtures = fixtures.made();
      run.fixtureSeconds = fixtures.makingSeconds();
    }

    System.out.println(run.summary(seed));
    if (Boolean.getBoolean("corkboard.fuzz.profile")) {
      run.spent.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(
              e ->
                  System.out.printf(
                      Locale.ROOT, "fuzz: %6.2f s %s%n", e.getValue() / 1e9, e.getKey()));
      run.silent.forEach(
          (label, n) -> System.out.printf("fuzz: %d closed without an answer: %s%n", n, label));
    }
    assertThat(run.jsonRequests + run.rawRequests).isGreaterThanOrEqualTo(total);
    assertThat(run.fuzzed).as("operations fuzzed").isEqualTo(run.documented);
    if (total >= DEFAULT_REQUESTS) {
      // A generator that never gets past validation would fuzz only the validation.
      Set<String> reachable = new TreeSet<>(run.documented);
      reachable.removeAll(NEEDS_AN_APPS_FLOW);
      reachable.removeAll(NEEDS_ANOTHER_MEMBER);
      assertThat(run.succeeded)
          .as("operations a valid-looking request succeeded on")
          .containsAll(reachable);
    }
    Findings findings = run.findings;
    assertThat(findings.violations)
        .as(
            "seed %d: %d violations, by rule %s; the first %d:%n%s",
            seed,
            findings.violations.size(),
            findings.byRule(),
            REPORTED,
            findings.report(REPORTED))
        .isEmpty();
  }

  /**
   * Operations no request made from the description alone can succeed on: they take an app's client
   * id and secret and a code or token from the consent flow, which OAuthFlowApiTest runs. They are
   * fuzzed all the same.
   */
  private static final Set<String> NEEDS_AN_APPS_FLOW =
      Set.of("POST /v5/oauth/token", "POST /v5/oauth/token/revoke");

  /**
   * Operations that succeed only between two accounts of a group board: an invitation names another
   * existing account in its body, a role change, a removal, an acceptance or a refusal needs that
   * account invited first, and a hand-over needs it an editor who joined. GroupBoardApiTest,
   * BoardTransferApiTest and the authorization matrix run them; they are fuzzed all the same.
   */
  private static final Set<String> NEEDS_ANOTHER_MEMBER =
      Set.of(
          "POST /v5/boards/{board_id}/collaborators",
          "PATCH /v5/boards/{board_id}/collaborators/{username}",
          "DELETE /v5/boards/{board_id}/collaborators/{username}",
          "POST /v5/boards/{board_id}/owner",
          "POST /v5/user_account/invitations/{board_id}/accept",
          "POST /v5/user_account/invitations/{board_id}/decline");

  /** One run's requests, what they found, and its figures. */
  private static final class Run {

    final Findings findings = new Findings();
    final Set<String> documented = new TreeSet<>();
    final Set<String> fuzzed = new TreeSet<>();
    final Set<String> succeeded = new TreeSet<>();
    final Map<String, Long> spent = new TreeMap<>();
    final List<Double> laps = new ArrayList<>();
    final long start = System.nanoTime();
    long lapStart = start;
    int jsonRequests;
    int rawRequests;
    int reconnects;
    final Map<String, Integer> silent = new TreeMap<>();
    int fixtures;
    double fixtureSeconds;

    void lap() {
      long now = System.nanoTime();
      laps.add((now - lapStart) / 1e9);
      lapStart = now;
    }

    /** Sends fuzzed requests to the operations in turn, on one keep-alive connection. */
    void operations(
        int port, List<FuzzRequests.Operation> schedule, FuzzRequests requests, int count) {
      try (RawHttp.Connection connection = new RawHttp.Connection(port, 30_000)) {
        for (int i = 0; i < count; i++) {
          FuzzRequests.Operation op = schedule.get(i % schedule.size());
          long began = System.nanoTime();
          FuzzRequests.Request request = requests.next(op, !succeeded.contains(op.key()));
          jsonRequests++;
          fuzzed.add(op.key());
          try {
            RawHttp.Answer answer =
                connection.send(request.bytes(), request.method(), request.closes());
            findings.check(request.label(), request.excerpt(), request.method(), answer);
            requests.observe(request, answer);
            if (answer.status() < 300 && request.label().endsWith("[valid]")) {
              succeeded.add(op.key());
            }
          } catch (IOException e) {
            findings.add("no well-framed answer", request.label(), request.excerpt(), e.toString());
          }
          spent.merge(op.key(), System.nanoTime() - began, Long::sum);
        }
        reconnects = connection.reconnects();
      }
    }

    /**
     * Writes hostile byte streams, one connection each, and after every one that hides a request
     * deleting the victim board, checks the board is still there.
     */
    void framing(int port, Random random, FuzzFixtures fixtures, int count) {
      Api owner = fixtures.user(Owner.OWNER).client();
      String victim = Pins.board(owner, "Victim of smuggling");
      FuzzFraming framing = new FuzzFraming(random, fixtures, victim);
      while (rawRequests < count) {
        FuzzFraming.Case hostile = framing.next();
        rawRequests += hostile.requests();
        byte[] bytes = RawHttp.exchange(port, hostile.bytes(), hostile.halfClose(), 2000);
        try {
          List<RawHttp.Answer> answers = RawHttp.parse(bytes, hostile.methods());
          if (answers.size() < hostile.minAnswers() || answers.size() > hostile.maxAnswers()) {
            findings.add(
                "answers "
                    + answers.size()
                    + ", expected "
                    + hostile.minAnswers()
                    + " to "
                    + hostile.maxAnswers(),
                hostile.label(),
                hostile.excerpt(),
                excerpt(bytes));
          }
          if (answers.isEmpty()) {
            silent.merge(hostile.label(), 1, Integer::sum);
          }
          for (int i = 0; i < answers.size(); i++) {
            String method = i < hostile.methods().size() ? hostile.methods().get(i) : "GET";
            findings.check(hostile.label(), hostile.excerpt(), method, answers.get(i));
          }
        } catch (ProtocolException e) {
          findings.add(
              "no well-framed answer",
              hostile.label(),
              hostile.excerpt(),
              e.getMessage() + "\n" + excerpt(bytes));
        }
        if (hostile.smuggles()) {
          Api.Response board = owner.get("/v5/boards/" + victim);
          if (board.status() != 200) {
            findings.add(
                "smuggled request executed",
                hostile.label(),
                hostile.excerpt(),
                board.status() + " " + board.body());
            victim = Pins.board(owner, "Victim of smuggling");
            framing = new FuzzFraming(random, fixtures, victim);
          }
        }
      }
    }

    /** The figures on one line, with the seed that replays the run. */
    String summary(long seed) {
      return String.format(
          Locale.ROOT,
          "fuzz: seed=%d requests=%d (%d to %d operations, %d of them answering a valid-looking"
              + " request 2xx; %d on raw connections, %d closed without an answer) statuses=%s"
              + " reconnects=%d fixtures=%d (%.1f s) violations=%d in %.1f s (setup %.1f s,"
              + " operations %.1f s, raw %.1f s)",
          seed,
          jsonRequests + rawRequests,
          jsonRequests,
          fuzzed.size(),
          succeeded.size(),
          rawRequests,
          silent.values().stream().mapToInt(Integer::intValue).sum(),
          findings.statuses,
          reconnects,
          fixtures,
          fixtureSeconds,
          findings.violations.size(),
          (System.nanoTime() - start) / 1e9,
          laps.get(0),
          laps.get(1),
          laps.get(2));
    }
  }

  /**
   * Every operation in turn, weighted by what its requests cost: an operation that hashes a
   * password (slow by design) comes once a round, one that changes or deletes an object (which then
   * has to be made again) four times, every other operation twelve times.
   */
  private static List<FuzzRequests.Operation> schedule(List<FuzzRequests.Operation> operations) {
    List<FuzzRequests.Operation> schedule = new ArrayList<>();
    for (int slot = 0; slot < 12; slot++) {
      for (FuzzRequests.Operation op : operations) {
        int weight = op.hashesPasswords() ? 1 : op.changes() ? 4 : 12;
        if (slot < weight) {
          schedule.add(op);
        }
      }
    }
    return schedule;
  }

  private static String excerpt(byte[] bytes) {
    return FuzzRequests.clip(
        FuzzRequests.printable(new String(bytes, StandardCharsets.ISO_8859_1)), 600);
  }

  /** What the answers broke, and how many of each status class came back. */
  private static final class Findings {

    /**
     * One broken rule.
     *
     * @param rule what was wrong
     * @param label the request's label
     * @param request the request
     * @param answer the answer
     */
    record Violation(String rule, String label, String request, String answer) {}

    final List<Violation> violations = new ArrayList<>();
    final Map<String, Integer> statuses = new TreeMap<>();

    void add(String rule, String label, String request, String answer) {
      violations.add(new Violation(rule, label, request, answer));
    }

    /** Checks one answer against the rules every answer keeps. */
    void check(String label, String request, String method, RawHttp.Answer answer) {
      int status = answer.status();
      statuses.merge(status / 100 + "xx", 1, Integer::sum);
      String contentType = answer.header("Content-Type").orElse("");
      String body = answer.text();
      String shown = FuzzRequests.clip(answer.head() + "\n\n" + FuzzRequests.printable(body), 800);
      if (status >= 500) {
        add("5xx", label, request, shown);
      }
      if (!contentType.startsWith("image/")) {
        String text = answer.head() + "\n" + withoutOpaqueValues(body);
        Internals.find(text)
            .ifPresent(
                found ->
                    add(
                        "internals on the wire: " + found.what(),
                        label,
                        request,
                        around(text, found.at())));
      }
      boolean bodiless = method.equals("HEAD") || status == 204 || status == 304;
      if (bodiless) {
        return;
      }
      if (body.isEmpty()) {
        add("empty body", label, request, shown);
        return;
      }
      if (status >= 400) {
        if (!contentType.startsWith("application/json")) {
          add("error not JSON", label, request, shown);
          return;
        }
        JsonNode json;
        try {
          json = Json.parse(answer.body());
        } catch (IOException e) {
          add("error body not JSON", label, request, shown);
          return;
        }
        if (json == null
            || !json.isObject()
            || !json.path("code").isInt()
            || !json.path("message").isTextual()
            || json.path("message").asText().isBlank()
            || json.size() != 2) {
          add("error body not {code, message}", label, request, shown);
        }
      }
    }

    /**
     * The body without its bookmarks, token secrets and media URL signatures: random base64, which
     * spells anything ({@code SQL} among it) now and then.
     */
    private static String withoutOpaqueValues(String body) {
      return SIGNATURE
          .matcher(OPAQUE.matcher(body).replaceAll("\"$1\":\"\""))
          .replaceAll("signature=");
    }

    private static String around(String text, int at) {
      int from = Math.max(0, at - 300);
      return (from > 0 ? "..." : "")
          + FuzzRequests.printable(text.substring(from, Math.min(text.length(), at + 300)))
          + "...";
    }

    Map<String, Integer> byRule() {
      Map<String, Integer> counts = new TreeMap<>();
      violations.forEach(v -> counts.merge(v.rule(), 1, Integer::sum));
      return counts;
    }

    String report(int max) {
      StringBuilder report = new StringBuilder();
      for (Violation v : violations.subList(0, Math.min(max, violations.size()))) {
        report
            .append("--- ")
            .append(v.rule())
            .append(": ")
            .append(v.label())
            .append("\n>>> ")
            .append(v.request().replace("\n", "\n>>> "))
            .append("\n<<< ")
            .append(v.answer().replace("\n", "\n<<< "))
            .append("\n");
      }
      return report.toString();
    }
  }
}
