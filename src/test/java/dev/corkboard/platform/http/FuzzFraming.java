package dev.corkboard.platform.http;

import dev.corkboard.platform.http.FuzzFixtures.Kind;
import dev.corkboard.platform.http.FuzzFixtures.Owner;
import dev.corkboard.platform.http.FuzzFixtures.Ref;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes hostile byte streams for one connection each: malformed request lines and versions,
 * HTTP/1.0 and HEAD, oversized URIs and headers, conflicting or malformed framing, truncated
 * bodies, pipelines, bad {@code Host} headers, garbage, and requests hidden in the bodies of
 * requests answered early, which would delete a board if they were ever executed.
 */
final class FuzzFraming {

  /**
   * One connection's worth of bytes and what may come back.
   *
   * @param label what the bytes are
   * @param bytes what is written
   * @param methods the methods of the requests, in order, so that answers to HEAD are read right
   * @param requests how many requests the bytes hold, as counted in the run's figures
   * @param halfClose whether the client ends its sending side after writing
   * @param minAnswers the fewest answers that may come back
   * @param maxAnswers the most answers that may come back
   * @param smuggles whether a request that deletes the victim board hides in the bytes
   */
  record Case(
      String label,
      byte[] bytes,
      List<String> methods,
      int requests,
      boolean halfClose,
      int minAnswers,
      int maxAnswers,
      boolean smuggles) {

    String excerpt() {
      return FuzzRequests.clip(
          FuzzRequests.printable(new String(bytes, StandardCharsets.ISO_8859_1)), 700);
    }
  }

  private static final String CLOSE = "Connection: close\r\n";
  private static final String HEALTH = get("/health", "");

  private final Random random;
  private final FuzzFixtures fixtures;
  private final String victim;

  FuzzFraming(Random random, FuzzFixtures fixtures, String victim) {
    this.random = random;
    this.fixtures = fixtures;
    this.victim = victim;
  }

  /** A hostile case, of a kind picked at random. */
  Case next() {
    return switch (random.nextInt(12)) {
      case 0 -> requestLine();
      case 1 -> version();
      case 2 -> head();
      case 3 -> oversized();
      case 4 -> framing();
      case 5 -> chunks();
      case 6 -> truncated();
      case 7 -> pipeline();
      case 8, 9 -> smuggled();
      case 10 -> host();
      default -> garbage();
    };
  }

  private Case one(String label, String bytes) {
    return new Case(label, latin1(bytes), List.of("GET"), 1, false, 1, 1, false);
  }

  private Case requestLine() {
    String line =
        pick(
            List.of(
                "GET",
                "GET /health",
                "GET  /health HTTP/1.1",
                "GET /health HTTP/1.1 extra",
                "GET /health  HTTP/1.1",
                "get /health HTTP/1.1",
                "FOO /health HTTP/1.1",
                "G@T /health HTTP/1.1",
                "GET http://localhost/health HTTP/1.1",
                "GET http://evil.example/v5/boards HTTP/1.1",
                "OPTIONS * HTTP/1.1",
                "CONNECT localhost:80 HTTP/1.1",
                "GET health HTTP/1.1",
                "GET /v5/boards/%zz HTTP/1.1",
                "GET /v5/boards?bookmark=%zz HTTP/1.1",
                "GET /v5/boards?page_size=%ff%fe HTTP/1.1",
                "GET /v5/boards/\u00e9 HTTP/1.1",
                "GET /v5/boards/1\u0000 HTTP/1.1",
                "GET /v5/boards#frag HTTP/1.1",
                "GET /v5/../../etc/passwd HTTP/1.1",
                "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
                "GET /v5/boards\t HTTP/1.1",
                "GET /v5/boards?a=b c HTTP/1.1",
                " GET /health HTTP/1.1",
                "\tGET /health HTTP/1.1",
                "GET\t/health\tHTTP/1.1",
                "/health HTTP/1.1",
                "HTTP/1.1",
                "GET /health HTTP/1.1\r",
                "DELETE /v5/boards/" + victim + " HTTP/1.1 HTTP/1.1",
                "POST /v5/boards?x=" + "%".repeat(1 + random.nextInt(50)) + " HTTP/1.1"));
    String prefix = random.nextInt(5) == 0 ? "\r\n" : "";
    return one(
        "request-line " + FuzzRequests.printable(line),
        prefix + line + "\r\nHost: localhost\r\n" + CLOSE + "\r\n");
  }

  private Case version() {
    String version =
        pick(
            List.of(
                "HTTP/1.0",
                "HTTP/0.9",
                "HTTP/2.0",
                "HTTP/1.2",
                "HTTP/1",
                "HTTP/x.y",
                "http/1.1",
                "HTTP/01.1",
                "HTTP/1.10",
                "HTTP/9.9",
                "HTTP /1.1",
                "HTTP/1.1.1",
                "HTTPS/1.1",
                ""));
    boolean withHost = random.nextBoolean();
    String path = pick(List.of("/health", "/v5/boards", "/v5/user_account", "/v5/nothing"));
    String auth =
        random.nextBoolean() ? "Authorization: Bearer " + fixtures.token(Owner.OWNER) + "\r\n" : "";
    return one(
        "version " + version + (withHost ? "" : " without Host") + " " + path,
        "GET "
            + path
            + " "
            + version
            + "\r\n"
            + (withHost ? "Host: localhost\r\n" : "")
            + auth
            + CLOSE
            + "\r\n");
  }

  private Case head() {
    String path =
        pick(
            List.of(
                "/health",
                "/v5/boards",
                "/v5/boards/" + fixtures.id(new Ref(Kind.BOARD, Owner.OWNER, random.nextBoolean())),
                "/v5/boards/" + fixtures.id(new Ref(Kind.BOARD, Owner.OTHER, true)),
                "/v5/pins/" + fixtures.id(new Ref(Kind.PIN, Owner.OWNER, false)),
                "/v5/boards/abc",
                "/v5/nothing",
                "/v5/openapi.json",
                "/v5/user_account",
                "/v5/tokens",
                "/v5/collages/"
                    + fixtures.id(new Ref(Kind.COLLAGE, Owner.OWNER, false))
                    + "/image?width=100",
                "/v5/cutouts/" + fixtures.id(new Ref(Kind.CUTOUT, Owner.OWNER, false)) + "/image"));
    String auth =
        random.nextInt(3) > 0
            ? "Authorization: Bearer " + fixtures.token(Owner.OWNER) + "\r\n"
            : "";
    String version = random.nextInt(4) == 0 ? "HTTP/1.0" : "HTTP/1.1";
    String request = "HEAD " + path + " " + version + "\r\nHost: localhost\r\n" + auth + "\r\n";
    if (version.equals("HTTP/1.0")) {
      return new Case(
          "HEAD over HTTP/1.0 " + path, latin1(request), List.of("HEAD"), 1, false, 1, 1, false);
    }
    return new Case(
        "HEAD " + path + " then GET",
        latin1(request + HEALTH),
        List.of("HEAD", "GET"),
        2,
        false,
        2,
        2,
        false);
  }

  private Case oversized() {
    int choice = random.nextInt(6);
    return switch (choice) {
      case 0 -> {
        int length = pick(List.of(4000, 5000, 9000, 70_000));
        yield one("URI of " + length, get("/v5/boards/" + "1".repeat(length), ""));
      }
      case 1 -> {
        int length = pick(List.of(4000, 9000, 70_000));
        yield one("query of " + length, get("/v5/boards?bookmark=" + "b".repeat(length), ""));
      }
      case 2 -> {
        int length = pick(List.of(16_000, 17_000, 200_000, 300_000));
        yield one("header of " + length, get("/health", "X-Big: " + "b".repeat(length) + "\r\n"));
      }
      case 3 -> {
        int count = pick(List.of(100, 2000, 20_000));
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
          headers.append("X-H").append(i).append(": v\r\n");
        }
        yield one(count + " headers", get("/health", headers.toString()));
      }
      case 4 -> {
        int length = pick(List.of(17_000, 100_000));
        yield one("header name of " + length, get("/health", "N".repeat(length) + ": v\r\n"));
      }
      default -> {
        int length = pick(List.of(20_000, 300_000));
        yield one(
            "Authorization of " + length,
            get("/v5/boards", "Authorization: Bearer " + "t".repeat(length) + "\r\n"));
      }
    };
  }

  /** A GET of the target with the header fields, asking to close the connection after. */
  private static String get(String target, String headers) {
    return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + CLOSE + "\r\n";
  }

  /** A DELETE of the victim board with a valid token: executed, it would show. */
  private String smuggle() {
    return "DELETE /v5/boards/"
        + victim
        + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + fixtures.token(Owner.OWNER)
        + "\r\nContent-Length: 0\r\n\r\n";
  }

  private Case framing() {
    String smuggled = smuggle();
    int n = smuggled.length();
    // Read right, each layout keeps the DELETE inside a body, or after a request whose framing
    // obliges the server to close the connection once it has answered.
    String inChunk = Integer.toHexString(n) + "\r\n" + smuggled + "\r\n0\r\n\r\n";
    String afterEnd = "0\r\n\r\n" + smuggled;
    String[][] variants = {
      {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", afterEnd},
      {"Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", afterEnd},
      {"Content-Length: " + afterEnd.length() + "\r\nTransfer-Encoding: chunked\r\n", afterEnd},
      {"Content-Length: " + inChunk.length() + "\r\nTransfer-Encoding: chunked\r\n", inChunk},
      {"Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", afterEnd},
      {"Transfer-Encoding: chunked, identity\r\n", afterEnd},
      {"Transfer-Encoding: chunked, chunked\r\n", afterEnd},
      {"Transfer-Encoding: identity, chunked\r\n", inChunk},
      {"Transfer-Encoding: gzip, chunked\r\n", inChunk},
      {"Transfer-Encoding: gzip\r\n", inChunk},
      {"Transfer-Encoding: xchunked\r\n", inChunk},
      {"Transfer-Encoding : chunked\r\n", inChunk},
      {"Transfer-Encoding: \u000bchunked\r\n", inChunk},
      {" Transfer-Encoding: chunked\r\n", inChunk},
      {"Transfer-Encoding:\r\n chunked\r\n", inChunk},
      {"Transfer-Encoding: CHUNKED\r\n", inChunk},
      {"Transfer-Encoding:\tchunked\r\n", inChunk},
      {"Transfer-Encoding: chunked \r\n", inChunk},
      {"Content-Length:  " + n + " \r\n", smuggled},
      {"Content-Length: " + n + ", " + n + "\r\n", smuggled},
      {"Content-Length: " + n + "\r\nContent-Length: " + (n + 1) + "\r\n", smuggled},
      {"Content-Length: 5, " + n + "\r\n", smuggled},
      {"Content-Length: -" + n + "\r\n", smuggled},
      {"Content-Length: +" + n + "\r\n", smuggled},
      {"Content-Length: 0x" + Integer.toHexString(n) + "\r\n", smuggled},
      {"Content-Length: " + n + ".0\r\n", smuggled},
      {"Content-Length: 99999999999999999999\r\n", smuggled},
      {"Content-Length: 9223372036854775807\r\n", smuggled},
      {"Content-Length: \r\n", smuggled},
      {"Content-Length: abc\r\n", smuggled},
      {"Content-Length: 1e3\r\n", smuggled}
    };
    String[] variant = variants[random.nextInt(variants.length)];
    String token = pick(List.of("bad", fixtures.token(Owner.OTHER)));
    String head =
        "POST /v5/boards HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Type: application/json\r\n";
    return new Case(
        "framing " + FuzzRequests.printable(variant[0].trim()),
        latin1(head + variant[0] + "\r\n" + variant[1]),
        List.of("POST"),
        1,
        true,
        1,
        1,
        true);
  }

  private Case chunks() {
    String size =
        pick(
            List.of(
                "zz",
                "-1",
                "ffffffffffffffffff",
                "7fffffff",
                "",
                "0x10",
                " 5",
                "5 ",
                "5;",
                "5;ext=\"unterminated",
                "5\u0000",
                "１",
                "100"));
    String auth = random.nextBoolean() ? fixtures.token(Owner.OWNER) : "bad";
    String body = "{\"a\":1}";
    String request =
        "POST /v5/boards HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + auth
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            + size
            + "\r\n"
            + body
            + "\r\n0\r\n\r\n";
    return new Case(
        "chunk size '" + FuzzRequests.printable(size) + "'",
        latin1(request),
        List.of("POST"),
        1,
        true,
        1,
        1,
        false);
  }

  private Case truncated() {
    String body = "{\"name\": \"Truncated board " + random.nextInt(1000) + "\"}";
    boolean chunked = random.nextBoolean();
    int keep = random.nextInt(body.length());
    String auth = random.nextBoolean() ? fixtures.token(Owner.OWNER) : "bad";
    String head =
        "POST /v5/boards HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + auth
            + "\r\nContent-Type: application/json\r\n"
            + (chunked
                ? "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n"
                : "Content-Length: " + body.length() + "\r\n\r\n");
    return new Case(
        "truncated "
            + (chunked ? "chunked " : "")
            + "body, "
            + keep
            + " of "
            + body.length()
            + " bytes",
        latin1(head + body.substring(0, keep)),
        List.of("POST"),
        1,
        true,
        1,
        1,
        false);
  }

  private Case pipeline() {
    int count = 2 + random.nextInt(8);
    StringBuilder bytes = new StringBuilder();
    List<String> methods = new ArrayList<>();
    String auth = "Authorization: Bearer " + fixtures.token(Owner.OWNER) + "\r\n";
    String bad = "Authorization: Bearer bad\r\n";
    for (int i = 0; i < count; i++) {
      String close = i == count - 1 ? CLOSE : "";
      String[] request =
          pick(
              List.of(
                  new String[] {"GET", "/health", close, ""},
                  new String[] {
                    "GET", "/v5/boards?page_size=" + (1 + random.nextInt(3)), auth + close, ""
                  },
                  new String[] {"HEAD", "/v5/user_account", auth + close, ""},
                  new String[] {
                    "POST",
                    "/v5/boards",
                    (random.nextBoolean() ? auth : bad) + close,
                    "{\"name\": \"Pipelined " + random.nextInt(1_000_000) + "\"}"
                  },
                  new String[] {"GET", "/v5/boards/abc", auth + close, ""},
                  new String[] {"POST", "/v5/boards", auth + close, "{\"name\": "},
                  new String[] {"GET", "/v5/nothing-here", close, ""}));
      bytes.append(message(request[0], request[1], request[2], request[3]));
      methods.add(request[0]);
    }
    return new Case(
        "pipeline of " + count,
        latin1(bytes.toString()),
        methods,
        count,
        false,
        count,
        count,
        false);
  }

  /** One request: its line, Host, the header fields, then a JSON body with its length, if any. */
  private static String message(String method, String target, String headers, String body) {
    return method
        + " "
        + target
        + " HTTP/1.1\r\nHost: localhost\r\n"
        + headers
        + (body.isEmpty()
            ? ""
            : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n")
        + "\r\n"
        + body;
  }

  private Case smuggled() {
    String smuggled = smuggle();
    String owner = fixtures.token(Owner.OWNER);
    String json = "Content-Type: application/json\r\n";
    // Requests answered before their body is read, by a 4xx or by a route that reads none.
    String[][] early = {
      {"POST /v5/boards", "Authorization: Bearer not-a-token\r\n" + json, "401 on POST /v5/boards"},
      {"POST /v5/boards", "", "401 without credentials"},
      {"POST /v5/nothing-here", json, "404 no route"},
      {"GET /health", "", "GET /health with a body"},
      {
        "POST /v5/boards",
        "Authorization: Bearer " + fixtures.fewScopeTokens().getFirst() + "\r\n" + json,
        "403 missing scope"
      },
      {
        "POST /v5/tokens",
        "Authorization: Bearer " + owner + "\r\n" + json,
        "401 Bearer on a Basic route"
      },
      {
        "POST /v5/boards",
        "Authorization: Bearer bad\r\nExpect: 100-continue\r\n" + json,
        "401 with Expect: 100-continue"
      },
      {"DELETE /v5/boards/abc", "Authorization: Bearer " + owner + "\r\n", "400 bad id"},
      {"POST /v5/boards", "Authorization: Bearer bad\r\n" + json, "401 with a chunked body"}
    };
    int choice = random.nextInt(early.length);
    boolean chunked = choice == early.length - 1;
    boolean expectsContinue = early[choice][1].contains("100-continue");
    boolean close = random.nextBoolean();
    boolean trailer = !close && random.nextBoolean();
    String body =
        chunked
            ? Integer.toHexString(smuggled.length()) + "\r\n" + smuggled + "\r\n0\r\n\r\n"
            : smuggled;
    String request =
        early[choice][0]
            + " HTTP/1.1\r\nHost: localhost\r\n"
            + early[choice][1]
            + (chunked
                ? "Transfer-Encoding: chunked\r\n"
                : "Content-Length: " + body.length() + "\r\n")
            + (close ? CLOSE : "")
            + "\r\n"
            + body
            + (trailer ? HEALTH : "");
    List<String> methods = new ArrayList<>(List.of(early[choice][0].split(" ")[0]));
    if (trailer) {
      methods.add("GET");
    }
    int answers = trailer ? 2 : 1;
    // Unanswered with 100 Continue, the client may still be sending: the server closes instead.
    int fewest = expectsContinue ? 1 : answers;
    return new Case(
        "smuggled DELETE in the body of "
            + early[choice][2]
            + (close ? ", Connection: close" : "")
            + (trailer ? ", then GET" : ""),
        latin1(request),
        methods,
        answers,
        !close && !trailer,
        fewest,
        answers,
        true);
  }

  private Case host() {
    String host =
        pick(
            List.of(
                "",
                "Host: \r\n",
                "Host: a b\r\n",
                "Host: [::1\r\n",
                "Host: h:1:2\r\n",
                "Host: :80\r\n",
                "Host: localhost:99999\r\n",
                "Host: localhost:-1\r\n",
                "Host: \u00e9\r\n",
                "Host: localhost\r\nHost: other\r\n",
                "Host: localhost\u0000\r\n",
                "Host: " + "h".repeat(5000) + "\r\n",
                "Host: localhost/path\r\n",
                "Host: user@localhost\r\n",
                "Host: evil.example\r\n",
                "Host: 127.0.0.1:1\r\n"));
    String path = pick(List.of("/health", "/v5/boards", "/v5/nothing"));
    return one(
        "Host " + FuzzRequests.clip(FuzzRequests.printable(host.trim()), 60),
        "GET " + path + " HTTP/1.1\r\n" + host + CLOSE + "\r\n");
  }

  private Case garbage() {
    int choice = random.nextInt(8);
    byte[] bytes;
    String label;
    switch (choice) {
      case 0 -> {
        bytes = new byte[1 + random.nextInt(2000)];
        random.nextBytes(bytes);
        label = "random bytes";
      }
      case 1 -> {
        bytes =
            new byte[] {
              0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03
            };
        label = "TLS ClientHello";
      }
      case 2 -> {
        bytes = latin1("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        label = "HTTP/2 preface";
      }
      case 3 -> {
        bytes = latin1("\r\n".repeat(1 + random.nextInt(1000)) + HEALTH);
        label = "empty lines before a request";
      }
      case 4 -> {
        bytes = latin1("GET /health HTTP/1.1\nHost: localhost\nConnection: close\n\n");
        label = "bare LF line ends";
      }
      case 5 -> {
        String header =
            pick(
                List.of(
                    "X-A : b\r\n",
                    "X-A: b\r\n folded\r\n",
                    "X-A: b\u0000c\r\n",
                    "X-A: b\rc\r\n",
                    "No colon\r\n",
                    "X A: b\r\n",
                    ": empty name\r\n",
                    "X-\u00e9: b\r\n",
                    "X-A: \u00ff\u00fe\r\n"));
        bytes = latin1("GET /health HTTP/1.1\r\nHost: localhost\r\n" + header + CLOSE + "\r\n");
        label = "header " + FuzzRequests.printable(header.trim());
      }
      case 6 -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(latin1("GET /health HTTP/1.1\r\nHost: localhost\r\n"));
        byte[] junk = new byte[1 + random.nextInt(200)];
        random.nextBytes(junk);
        out.writeBytes(junk);
        out.writeBytes(latin1("\r\n\r\n"));
        bytes = out.toByteArray();
        label = "random bytes in the headers";
      }
      default -> {
        bytes = latin1("\u0000".repeat(1 + random.nextInt(100)));
        label = "NUL bytes";
      }
    }
    // Bytes without a line end never make a request line: closing without an answer is fine.
    int fewest = choice == 0 || choice == 1 || choice == 7 ? 0 : 1;
    return new Case("garbage: " + label, bytes, List.of("GET"), 1, true, fewest, 1, false);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static byte[] latin1(String text) {
    // Characters past Latin-1 go out as UTF-8, as a careless client would send them.
    boolean wide = text.chars().anyMatch(c -> c > 0xff);
    return text.getBytes(wide ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
  }
}
