package dev.corkboard.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.http.FuzzFixtures.Kind;
import dev.corkboard.platform.http.FuzzFixtures.Owner;
import dev.corkboard.platform.http.FuzzFixtures.Ref;
import dev.corkboard.platform.json.Json;
import dev.corkboard.support.RawHttp;
import dev.corkboard.support.Users;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Makes fuzzed requests for the operations of the server's OpenAPI document: for each, a request
 * that looks valid (built from the operation's parameters and body schema, naming real fixtures)
 * and then, most of the time, one to three mutations of it: wrong or missing credentials, bad ids,
 * query values and bookmarks, wrong JSON types, missing and extra fields, huge and unusual strings
 * and numbers, bad enums, malformed JSON and content types. Everything random comes from one seeded
 * {@link Random}, so a seed names a run.
 */
final class FuzzRequests {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String RAW_MARK = "\u0002raw\u0002";
  private static final String RAW_END = "\u0003";

  /**
   * One operation of the document.
   *
   * @param method the HTTP method, upper case
   * @param path the full path pattern, such as {@code /v5/boards/{board_id}}
   * @param parameters its parameters, shared ones included
   * @param body the schema of its JSON body, or missing
   * @param open whether it needs no credentials
   * @param basic whether it takes a username and password
   * @param bearer whether it takes a bearer token
   */
  record Operation(
      String method,
      String path,
      List<Parameter> parameters,
      JsonNode body,
      boolean open,
      boolean basic,
      boolean bearer) {

    String key() {
      return method + " " + path;
    }

    /** Whether answering hashes a password on purpose slowly, so it is fuzzed less often. */
    boolean hashesPasswords() {
      return basic
          || body.path("properties").path("password").path("format").asText().equals("password");
    }

    /**
     * Whether it changes the object its path names, so it is sent to an expendable copy: deletes,
     * updates, and the posts that change their object's state (archiving a board, merging it into
     * another, which deletes it).
     */
    boolean changes() {
      return method.equals("DELETE")
          || method.equals("PATCH")
          || method.equals("PUT")
          || (method.equals("POST") && (path.endsWith("/archive") || path.endsWith("/merge")));
    }
  }

  /** One parameter of an operation. */
  record Parameter(String in, String name, JsonNode schema, boolean required) {}

  /**
   * One request, ready to send.
   *
   * @param operation the operation it fuzzes
   * @param label what was done to it
   * @param method the method it was sent with
   * @param bytes the whole request as written on the connection
   * @param closes whether it asks the server to close the connection after answering
   * @param deletes the expendable fixture it deletes if it succeeds, if any
   * @param pathValues the values of its path parameters, by name, before encoding
   */
  record Request(
      Operation operation,
      String label,
      String method,
      byte[] bytes,
      boolean closes,
      Optional<Ref> deletes,
      Map<String, String> pathValues) {

    /** The start of the request as text, for a report. */
    String excerpt() {
      String text = new String(bytes, StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      return clip(head, 600) + (body.isEmpty() ? "" : "\n\n" + clip(body, 300));
    }
  }

  private final Random random;
  private final FuzzFixtures fixtures;
  private final String imageUrl;
  private final int port;
  private final JsonNode components;
  private final Map<String, List<String>> bookmarks = new HashMap<>();

  FuzzRequests(JsonNode document, FuzzFixtures fixtures, Random random, String imageUrl, int port) {
    this.random = random;
    this.fixtures = fixtures;
    this.imageUrl = imageUrl;
    this.port = port;
    this.components = document.path("components");
  }

  /** Every operation the document describes, in its order. */
  static List<Operation> operations(JsonNode document) {
    String prefix = document.path("servers").path(0).path("url").asText("");
    JsonNode components = document.path("components");
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
        if (entry.getKey().equals("parameters")) {
          continue;
        }
        JsonNode operation = entry.getValue();
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode list :
            List.of(path.getValue().path("parameters"), operation.path("parameters"))) {
          for (JsonNode p : list) {
            JsonNode parameter = resolve(components, p);
            parameters.add(
                new Parameter(
                    parameter.path("in").asText(),
                    parameter.path("name").asText(),
                    parameter.path("schema"),
                    parameter.path("required").asBoolean()));
          }
        }
        JsonNode body =
            resolve(
                components,
                resolve(components, operation.path("requestBody"))
                    .path("content")
                    .path("application/json")
                    .path("schema"));
        boolean basic = false;
        boolean bearer = false;
        JsonNode security = operation.path("security");
        for (JsonNode option : security) {
          basic |= option.has("basic");
          bearer |= option.has("pinterest_oauth2");
        }
        operations.add(
            new Operation(
                entry.getKey().toUpperCase(Locale.ROOT),
                prefix + path.getKey(),
                parameters,
                body,
                security.isEmpty(),
                basic,
                bearer));
      }
    }
    return operations;
  }

  /** Remembers what answers teach: bookmarks to send back, expendable fixtures now deleted. */
  void observe(Request request, RawHttp.Answer answer) {
    if (answer.status() >= 200 && answer.status() < 300) {
      if (request.method().equals("DELETE") || destroys(request.operation())) {
        request.deletes().ifPresent(fixtures::deleted);
      }
      String collage = request.pathValues().get("collage_id");
      if (collage != null) {
        answer.header("ETag").ifPresent(etag -> fixtures.collageEtag(collage, etag));
      }
      if (answer.header("Content-Type").orElse("").startsWith("application/json")
          && answer.body().length < 1_000_000) {
        try {
          JsonNode bookmark = Json.parse(answer.body()).path("bookmark");
          if (bookmark.isTextual()) {
            List<String> pool =
                bookmarks.computeIfAbsent(request.operation().key(), k -> new ArrayList<>());
            if (pool.size() < 20) {
              pool.add(bookmark.textValue());
            }
          }
        } catch (java.io.IOException e) {
          // Not JSON after all: the checks report it.
        }
      }
    }
  }

  /**
   * A fuzzed request for the operation: one in four looks valid, one in two while {@code unproven}
   * (no valid-looking request to it has succeeded yet), so that every operation is reached past
   * validation in a run of the default length.
   */
  Request next(Operation op, boolean unproven) {
    Draft d = new Draft(op);
    boolean valid = random.nextInt(unproven ? 2 : 4) == 0;
    Set<String> mutations = new HashSet<>();
    if (!valid) {
      int count = 1 + random.nextInt(3);
      List<String> kinds =
          List.of(
              "auth", "auth", "target", "path", "query", "query", "body", "body", "body", "syntax",
              "syntax", "type", "header", "method");
      for (int i = 0; i < count; i++) {
        mutations.add(pick(kinds));
      }
    }
    boolean secret = random.nextBoolean();
    d.target = new Ref(Kind.BOARD, Owner.OWNER, secret);
    if (follows(op)) {
      // One follows someone else's public board.
      d.target = new Ref(Kind.BOARD, Owner.OTHER, false);
    }
    if (mutations.contains("target")) {
      d.target = new Ref(Kind.BOARD, random.nextBoolean() ? Owner.OTHER : Owner.OWNER, secret);
      d.label(
          "target=" + d.target.owner().name().toLowerCase(Locale.ROOT) + (secret ? "-secret" : ""));
    }
    buildPath(d);
    buildQuery(d);
    buildHeaders(d);
    JsonNode body = op.body().isMissingNode() ? null : valid(op.body(), "", d, 0);
    d.auth = validAuth(op);
    if (mutations.contains("auth")) {
      mutateAuth(d);
    }
    if (mutations.contains("path")) {
      mutatePath(d);
    }
    if (mutations.contains("query")) {
      mutateQuery(d);
    }
    if (mutations.contains("header")) {
      mutateHeader(d);
    }
    if (mutations.contains("method")) {
      mutateMethod(d);
    }
    if (body == null && mutations.contains("body") && random.nextInt(3) == 0) {
      body = valid(op.body().isMissingNode() ? bodylessSchema() : op.body(), "", d, 0);
      d.label("body-on-bodiless");
    }
    if (body != null && mutations.contains("body")) {
      body = mutateTree(d, body);
    }
    if (body != null) {
      d.body = serialize(d, body);
      d.contentType =
          random.nextInt(10) == 0 ? "application/json; charset=utf-8" : "application/json";
    }
    if (mutations.contains("syntax")) {
      mutateSyntax(d);
    }
    if (mutations.contains("type")) {
      mutateContentType(d);
    }
    return d.build();
  }

  // ---------------------------------------------------------------- path and query

  /** Whether the operation follows or unfollows a board: it changes the caller's follows only. */
  private static boolean follows(Operation op) {
    return op.path().endsWith("/follow");
  }

  private void buildPath(Draft d) {
    List<Parameter> pathParameters =
        d.op.parameters().stream().filter(p -> p.in().equals("path")).toList();
    String path = d.op.path();
    for (int i = 0; i < pathParameters.size(); i++) {
      Parameter parameter = pathParameters.get(i);
      boolean changed = d.op.changes() && i == pathParameters.size() - 1 && !follows(d.op);
      String value = id(parameter.name(), d, changed);
      d.pathValues.put(parameter.name(), value);
    }
    d.path = path;
  }

  /**
   * The id of a fixture for an id parameter or field, following the request's target; the object an
   * operation changes is an expendable copy.
   */
  private String id(String name, Draft d, boolean changed) {
    if (name.equals("username")) {
      // Follows and profiles name the other account, which the owner may follow.
      return fixtures.user(Owner.OTHER).username();
    }
    Optional<Kind> kind = Kind.of(name);
    if (kind.isEmpty()) {
      return Long.toString(1 + random.nextInt(999_999_999));
    }
    Ref ref = new Ref(kind.get(), d.target.owner(), d.target.secret());
    if (changed || kind.get() == Kind.TOKEN || kind.get() == Kind.APP) {
      if (d.op.method().equals("DELETE") || destroys(d.op)) {
        d.deletes = Optional.of(ref);
      }
      return fixtures.expendable(ref);
    }
    return fixtures.id(ref);
  }

  /**
   * Whether a post may delete the objects it names: a merge deletes the board merged, a bulk change
   * may delete (or move away) the pins it lists.
   */
  private static boolean destroys(Operation op) {
    return op.method().equals("POST")
        && (op.path().endsWith("/merge") || op.path().endsWith("/pins/bulk"));
  }

  private void buildQuery(Draft d) {
    for (Parameter parameter : d.op.parameters()) {
      if (!parameter.in().equals("query") || (!parameter.required() && random.nextInt(10) >= 3)) {
        continue;
      }
      if (parameter.name().equals("bookmark")) {
        List<String> pool = bookmarks.getOrDefault(d.op.key(), List.of());
        if (!pool.isEmpty()) {
          d.query.add(new String[] {"bookmark", encode(pick(pool))});
        }
        continue;
      }
      JsonNode value = valid(parameter.schema(), parameter.name(), d, 0);
      List<String> values = new ArrayList<>();
      if (value.isArray()) {
        value.forEach(v -> values.add(v.asText()));
      } else {
        values.add(value.asText());
      }
      d.query.add(new String[] {parameter.name(), encode(String.join(",", values))});
    }
  }

  private void buildHeaders(Draft d) {
    for (Parameter parameter : d.op.parameters()) {
      if (!parameter.in().equals("header") || random.nextInt(10) >= 8) {
        continue;
      }
      if (parameter.name().equalsIgnoreCase("If-Match") && d.pathValues.containsKey("collage_id")) {
        d.headers.add(
            parameter.name() + ": " + fixtures.collageEtag(d.pathValues.get("collage_id")));
      } else {
        d.headers.add(
            parameter.name() + ": " + valid(parameter.schema(), parameter.name(), d, 0).asText());
      }
    }
  }

  private static final List<String> BAD_IDS =
      List.of(
          "0",
          "-1",
          "abc",
          "12a",
          "1e3",
          "0x1F",
          " 1",
          "+1",
          "1.0",
          "9223372036854775807",
          "9223372036854775808",
          "18446744073709551616",
          "99999999999999999999999",
          "9".repeat(100),
          "1".repeat(5000),
          "123456789",
          "",
          "null",
          "undefined",
          "[1]",
          "１２３",
          "١٢٣",
          "😀",
          "%",
          "../1",
          "1;DROP TABLE boards",
          "' OR '1'='1",
          "\u0000",
          "1\n2",
          "é");

  /**
   * An id that is malformed, unknown, another user's or another kind's, or the current one with a
   * twist.
   */
  private String badId(Draft d, String current) {
    int choice = random.nextInt(BAD_IDS.size() + 4);
    if (choice < BAD_IDS.size()) {
      return BAD_IDS.get(choice);
    }
    String real = current.matches("\\d{1,19}") ? current : "1";
    return switch (choice - BAD_IDS.size()) {
      case 0 -> "000" + real;
      case 1 -> real + "0";
      case 2 ->
          fixtures.id(
              new Ref(pick(List.of(Kind.PIN, Kind.SECTION, Kind.COLLAGE)), Owner.OTHER, true));
      default -> "-" + real;
    };
  }

  private void mutatePath(Draft d) {
    if (!d.pathValues.isEmpty() && random.nextInt(5) > 0) {
      List<String> names = new ArrayList<>(d.pathValues.keySet());
      String name = pick(names);
      String bad = badId(d, d.pathValues.get(name));
      boolean raw = random.nextInt(4) == 0;
      d.pathValues.put(name, raw ? RAW_MARK + bad : bad);
      d.label("path." + name + "=" + (raw ? "raw:" : "") + clip(printable(bad), 40));
      return;
    }
    String variant =
        pick(List.of("trailing-slash", "double-slash", "encoded", "dot-segment", "upper-case"));
    d.pathVariant = variant;
    d.label("path=" + variant);
  }

  private static final List<String> BAD_QUERY_VALUES =
      List.of(
          "",
          "-1",
          "0",
          "251",
          "abc",
          "1.5",
          "1e2",
          "99999999999999999999",
          "2147483648",
          "true",
          "null",
          "[]",
          "{}",
          "%zz",
          "%",
          "%e9",
          "%00",
          "%c0%af",
          "%ff%fe",
          "%f0%9f%98",
          "%2C%2C",
          ",,,",
          "PUBLIC,SECRET",
          "public",
          "FRIENDS",
          "%F0%9F%98%80",
          "%E2%80%AE",
          "a%20b",
          "a+b");

  private void mutateQuery(Draft d) {
    List<Parameter> documented =
        d.op.parameters().stream().filter(p -> p.in().equals("query")).toList();
    String name =
        !documented.isEmpty() && random.nextInt(4) > 0
            ? pick(documented).name()
            : pick(List.of("x_fuzz", "page_size", "bookmark", "%zz", "", "a%00b", "😀"));
    int choice = random.nextInt(10);
    String value;
    if (name.equals("bookmark") && choice < 5) {
      value = badBookmark();
    } else if (choice == 5) {
      value = "a".repeat(100 + random.nextInt(6000));
    } else {
      value = pick(BAD_QUERY_VALUES);
    }
    d.query.removeIf(q -> q[0].equals(name) && random.nextBoolean());
    boolean bare = random.nextInt(12) == 0;
    d.query.add(bare ? new String[] {name} : new String[] {name, value});
    if (random.nextInt(6) == 0) {
      d.query.add(new String[] {name, "1"});
    }
    d.label("query." + clip(name, 20) + (bare ? "(bare)" : "=" + clip(value, 40)));
  }

  private String badBookmark() {
    List<String> all = new ArrayList<>();
    bookmarks.values().forEach(all::addAll);
    int choice = random.nextInt(7);
    if (choice == 0 && !all.isEmpty()) {
      // Another list's bookmark.
      return encode(pick(all));
    }
    if (choice == 1 && !all.isEmpty()) {
      char[] tampered = pick(all).toCharArray();
      int at = random.nextInt(tampered.length);
      tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
      return encode(new String(tampered));
    }
    if (choice == 2 && !all.isEmpty()) {
      String bookmark = pick(all);
      return encode(bookmark.substring(0, random.nextInt(bookmark.length())));
    }
    return switch (choice) {
      case 3 -> encode(Base64.getUrlEncoder().encodeToString(randomBytes(1 + random.nextInt(60))));
      case 4 ->
          encode(
              Base64.getEncoder().encodeToString("{\"id\":-1}".getBytes(StandardCharsets.UTF_8)));
      case 5 -> "%zz" + "A".repeat(random.nextInt(10));
      default -> encode("😀" + "=".repeat(random.nextInt(4)));
    };
  }

  // ---------------------------------------------------------------- credentials and headers

  private String validAuth(Operation op) {
    Users.User owner = fixtures.user(Owner.OWNER);
    if (op.bearer()) {
      return "Bearer " + owner.token();
    }
    if (op.basic()) {
      return basic(owner.username(), Users.PASSWORD);
    }
    return null;
  }

  private static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private void mutateAuth(Draft d) {
    String owner = fixtures.token(Owner.OWNER);
    String username = fixtures.user(Owner.OWNER).username();
    int choice = random.nextInt(24);
    String label;
    switch (choice) {
      case 0, 1 -> {
        d.auth = null;
        label = "none";
      }
      case 2, 3, 4 -> {
        d.auth = "Bearer " + fixtures.token(Owner.OTHER);
        label = "other-user";
      }
      case 5, 6, 7, 8 -> {
        List<String> tokens = fixtures.fewScopeTokens();
        int index = random.nextInt(tokens.size());
        d.auth = "Bearer " + tokens.get(index);
        label = "few-scopes#" + index;
      }
      case 9 -> {
        d.auth = "Bearer " + fixtures.revokedToken();
        label = "revoked";
      }
      case 10 -> {
        d.auth = "Bearer cbk_" + randomWord(43);
        label = "unknown-token";
      }
      case 11 -> {
        d.auth = pick(List.of("Bearer", "Bearer ", "Bearer    ", "Basic", "", " "));
        label = "empty-credential";
      }
      case 12 -> {
        d.auth = "bearer " + owner;
        label = "lower-case-scheme";
      }
      case 13 -> {
        d.auth = "Bearer " + owner + pick(List.of("x", " x", ",", "\t", "=="));
        label = "token-with-suffix";
      }
      case 14 -> {
        d.auth = "Bearer " + owner.substring(0, owner.length() - 1 - random.nextInt(5));
        label = "truncated-token";
      }
      case 15 -> {
        d.auth = pick(List.of("Token ", "OAuth ", "Digest ", "Negotiate ")) + owner;
        label = "other-scheme";
      }
      case 16 -> {
        d.auth = basic(username, "wrong password");
        label = "basic-wrong-password";
      }
      case 17 -> {
        d.auth = basic(username, Users.PASSWORD);
        label = "basic";
      }
      case 18 -> {
        d.auth =
            pick(
                List.of(
                    "Basic %%%",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)),
                    basic("\u0000", "x"),
                    basic("", ""),
                    basic("😀", "😀"),
                    "Basic " + "A".repeat(5000)));
        label = "basic-malformed";
      }
      case 19 -> {
        d.auth = "Bearer " + "t".repeat(1000 + random.nextInt(9000));
        label = "long-token";
      }
      case 20 -> {
        d.auth = "Bearer " + owner;
        d.headers.add("Authorization: Bearer " + fixtures.token(Owner.OTHER));
        label = "two-authorization-headers";
      }
      case 21 -> {
        d.auth = "Bearer " + pick(List.of("é", "😀", "\u00ff\u00fe", "tok\u0001en"));
        label = "non-ascii-token";
      }
      case 22 -> {
        d.auth = "Bearer " + owner + ", Bearer " + owner;
        label = "token-list";
      }
      default -> {
        d.auth = "Bearer " + fixtures.token(Owner.OWNER);
        label = "valid";
      }
    }
    d.label("auth=" + label);
  }

  private void mutateHeader(Draft d) {
    int choice = random.nextInt(16);
    String header =
        switch (choice) {
          case 0 -> "Accept: " + pick(List.of("text/html", "application/xml", "*/*;q=x", "", "😀"));
          case 1 ->
              "If-None-Match: " + pick(List.of("*", "garbage", "\"v1\"", "W/\"x\", \"y\"", ""));
          case 2 ->
              "If-Match: "
                  + pick(
                      List.of(
                          "*",
                          "\"v1\"",
                          "W/\"v1\"",
                          "\"v99999999999999999999\"",
                          "\"v-1\"",
                          "v1",
                          ""));
          case 3 ->
              "X-Forwarded-For: " + pick(List.of("300.1.1.1", "::::", "a".repeat(200), "unknown"));
          case 4 -> "X-Fuzz: " + "h".repeat(5000 + random.nextInt(8000));
          case 5 -> "X-Fuzz: " + "h".repeat(17_000 + random.nextInt(3000));
          case 6 -> "X-Fuzz: " + pick(List.of("é", "😀", "\u00ff", "a\u0001b"));
          case 7 -> "Content-Encoding: " + pick(List.of("gzip", "deflate", "br", "identity", "x"));
          case 8 -> "Range: bytes=" + pick(List.of("0-1", "-5", "x", "5-1"));
          case 9 -> "Expect: 100-continue";
          case 10 -> "Connection: close";
          case 11 -> "Accept-Charset: " + pick(List.of("utf-16", "x"));
          case 12 -> "Origin: " + pick(List.of("null", "https://evil.example", "😀"));
          case 13 -> "Cookie: " + "a=b; ".repeat(1 + random.nextInt(50));
          case 14 -> "Accept-Encoding: " + pick(List.of("gzip", "br;q=2", "*", ""));
          default -> "Transfer-Encoding: chunked";
        };
    if (header.startsWith("Transfer-Encoding")) {
      d.chunked = true;
    } else {
      d.headers.add(header);
    }
    d.label("header=" + clip(printable(header), 50));
  }

  private void mutateMethod(Draft d) {
    if (d.op.method().equals("GET")) {
      d.method = "HEAD";
    } else {
      d.method = pick(List.of("HEAD", "OPTIONS", "GET", "PUT", "POST", "PATCH", "TRACE", "FUZZ"));
    }
    d.label("method=" + d.method);
  }

  // ---------------------------------------------------------------- bodies

  private static JsonNode bodylessSchema() {
    return Json.object().put("type", "object");
  }

  /** A value of the schema that looks valid, naming the request's fixtures. */
  private JsonNode valid(JsonNode schema, String name, Draft d, int depth) {
    JsonNode s = flatten(schema);
    if (s.has("enum") && s.path("enum").size() > 0) {
      JsonNode value = s.path("enum").get(random.nextInt(s.path("enum").size()));
      return value.deepCopy();
    }
    String type =
        s.path("type").asText(s.has("properties") ? "object" : s.has("items") ? "array" : "string");
    switch (type) {
      case "object" -> {
        ObjectNode object = NODES.objectNode();
        Set<String> required = new HashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        for (Map.Entry<String, JsonNode> property : s.path("properties").properties()) {
          JsonNode propertySchema = flatten(property.getValue());
          if (propertySchema.path("readOnly").asBoolean()) {
            continue;
          }
          if (required.contains(property.getKey()) || random.nextInt(10) < 6 && depth < 6) {
            object.set(property.getKey(), valid(propertySchema, property.getKey(), d, depth + 1));
            d.slots.add(
                new Slot(
                    object,
                    property.getKey(),
                    propertySchema,
                    required.contains(property.getKey())));
          }
        }
        // An item of a given type names the object of that type ({"type": "pin", "pin_id": ...}).
        String kind = object.path("type").asText("");
        if (!kind.isEmpty()
            && s.path("properties").has(kind + "_id")
            && !object.has(kind + "_id")) {
          object.put(kind + "_id", id(kind + "_id", d, false));
        }
        d.objects.add(object);
        return object;
      }
      case "array" -> {
        ArrayNode array = NODES.arrayNode();
        int min = s.path("minItems").asInt(0);
        int max = s.path("maxItems").asInt(min + 3);
        int count = min + random.nextInt(Math.max(1, Math.min(max, min + 3) - min + 1));
        for (int i = 0; i < count && depth < 8; i++) {
          array.add(valid(s.path("items"), name, d, depth + 1));
        }
        d.arrays.add(new ArrayWithSchema(array, s.path("items")));
        return array;
      }
      case "integer" -> {
        long lo = s.path("minimum").asLong(0);
        long hi = s.path("maximum").asLong(lo + 100);
        return NODES.numberNode(lo + random.nextInt((int) Math.min(hi - lo, 10) + 1));
      }
      case "number" -> {
        double lo = s.path("minimum").asDouble(0);
        double hi = s.path("maximum").asDouble(lo + 500);
        double value = lo + random.nextDouble() * Math.min(hi - lo, 1.0);
        return NODES.numberNode(Math.round(value * 1000) / 1000.0);
      }
      case "boolean" -> {
        return NODES.booleanNode(random.nextBoolean());
      }
      default -> {
        return NODES.textNode(validString(s, name, d));
      }
    }
  }

  private String validString(JsonNode s, String name, Draft d) {
    if (Kind.of(name).isPresent()) {
      // The pins a bulk change lists are expendable copies: it may delete them.
      return id(name, d, name.equals("pin_ids"));
    }
    String pattern = s.path("pattern").asText("");
    if (pattern.equals("^\\d+$")) {
      return Long.toString(1 + random.nextInt(999_999_999));
    }
    if (name.equals("data")) {
      return Base64.getEncoder().encodeToString(fixtures.png());
    }
    if (name.equals("url") || name.endsWith("_url")) {
      return imageUrl;
    }
    if (name.equals("redirect_uris")) {
      return "https://app.example/" + randomWord(8);
    }
    if (name.equals("link")) {
      return "https://example.com/" + randomWord(8);
    }
    if (name.endsWith("color") || pattern.contains("#")) {
      return String.format(Locale.ROOT, "#%06X", random.nextInt(0x1000000));
    }
    if (s.path("format").asText().equals("password")) {
      return randomWord(12);
    }
    if (name.equals("username")) {
      return "fz" + randomWord(10);
    }
    int min = Math.max(1, s.path("minLength").asInt(1));
    int max = Math.max(min, Math.min(s.path("maxLength").asInt(24), 24));
    return randomText(min + random.nextInt(max - min + 1));
  }

  private JsonNode mutateTree(Draft d, JsonNode body) {
    int choice = random.nextInt(d.slots.isEmpty() ? 2 : 14);
    if (choice == 0 || !body.isObject()) {
      ObjectNode target = d.objects.isEmpty() ? (ObjectNode) body : pick(d.objects);
      String field =
          pick(List.of("x_fuzz", "id", "owner", "__proto__", "constructor", "😀", "", "name "));
      target.set(field, weird(null));
      d.label("body.extra-field(" + field + ")");
      return body;
    }
    if (choice == 1) {
      if (!d.arrays.isEmpty() && random.nextBoolean()) {
        ArrayWithSchema array = pick(d.arrays);
        int count = pick(List.of(0, 101, 1001, 10_000));
        array.array().removeAll();
        for (int i = 0; i < count; i++) {
          array
              .array()
              .add(
                  i == 0 || array.array().isEmpty()
                      ? valid(array.items(), "", d, 8)
                      : array.array().get(0).deepCopy());
        }
        d.label("body.array-of-" + count);
        return body;
      }
      ObjectNode root = (ObjectNode) body;
      for (int i = 0; i < 10_000; i++) {
        root.put("k" + i, i);
      }
      d.label("body.10000-fields");
      return body;
    }
    Slot slot = pick(d.slots);
    String label;
    if (choice == 2 || choice == 3) {
      slot.parent().remove(slot.field());
      label = "missing" + (slot.required() ? "-required" : "");
    } else {
      JsonNode replacement = mutant(slot, d);
      slot.parent().set(slot.field(), replacement);
      label = "=" + clip(printable(replacement.toString()), 40);
    }
    d.label("body." + slot.field() + label);
    return body;
  }

  /** A value for a field that breaks its schema, or a rule around it. */
  private JsonNode mutant(Slot slot, Draft d) {
    JsonNode s = slot.schema();
    int choice = random.nextInt(6);
    if (s.has("enum") && choice < 3) {
      String value = s.path("enum").path(0).asText();
      return NODES.textNode(
          pick(
              List.of(
                  value.toLowerCase(Locale.ROOT),
                  value + " ",
                  "FRIENDS",
                  "",
                  value.toUpperCase(Locale.ROOT) + "X")));
    }
    if (Kind.of(slot.field()).isPresent() && choice < 3) {
      return NODES.textNode(badId(d, slot.parent().path(slot.field()).asText()));
    }
    String type = s.path("type").asText("");
    if ((type.equals("integer") || type.equals("number")) && choice < 4) {
      return pick(
          List.of(
              NODES.numberNode(-1),
              NODES.numberNode(0),
              NODES.numberNode(s.path("maximum").asLong(1000) + 1),
              NODES.numberNode(s.path("minimum").asDouble(0) - 0.001),
              NODES.numberNode(Integer.MAX_VALUE + 1L),
              NODES.numberNode(Long.MAX_VALUE),
              NODES.numberNode(new BigInteger("123456789012345678901234567890")),
              NODES.numberNode(1e308),
              NODES.numberNode(-1e308),
              NODES.numberNode(4.9e-324),
              NODES.numberNode(0.5),
              raw(
                  d,
                  pick(
                      List.of(
                          "1e999",
                          "-1e999",
                          "-0",
                          "NaN",
                          "Infinity",
                          "00012",
                          "1.",
                          ".5",
                          "0x10",
                          "1_000")))));
    }
    if (type.equals("string") && choice < 4) {
      int max = s.path("maxLength").asInt(180);
      return NODES.textNode(
          switch (random.nextInt(12)) {
            case 0 -> "a".repeat(max + 1);
            case 1 -> "😀".repeat(max + 1);
            case 2 -> "x".repeat(random.nextInt(50) == 0 ? 1_100_000 : 100_000);
            case 3 -> "";
            case 4 -> "   \t\n";
            case 5 -> "nul\u0000inside";
            case 6 -> "\u202Eevil\u202C e\u0301 \uFEFF \u200B zero-width";
            case 7 -> "control\u0001\u001F\u007F";
            case 8 -> raw(d, "\"\\ud800 lone\"").textValue();
            case 9 -> "<script>alert(1)</script>' OR 1=1 -- ${jndi:ldap://x}";
            case 10 -> "中文字符 العربية עברית " + "ẞ".repeat(30);
            default -> "%s%n%x{0}\\u0000\\";
          });
    }
    return weird(s);
  }

  /** A value of some JSON type, likely the wrong one. */
  private JsonNode weird(JsonNode schema) {
    return switch (random.nextInt(10)) {
      case 0 -> NODES.numberNode(5);
      case 1 -> NODES.numberNode(-1.5);
      case 2 -> NODES.booleanNode(true);
      case 3 -> NODES.nullNode();
      case 4 -> NODES.objectNode();
      case 5 -> NODES.arrayNode();
      case 6 -> NODES.arrayNode().add("a").add(1);
      case 7 -> NODES.objectNode().put("a", 1).set("b", NODES.objectNode().put("c", "d"));
      case 8 -> NODES.textNode("string");
      default -> NODES.textNode(randomText(3));
    };
  }

  /**
   * A value that goes on the wire exactly as written: numbers JSON cannot hold, lone surrogates.
   */
  private static JsonNode raw(Draft d, String literal) {
    d.raws.add(literal);
    return NODES.textNode(RAW_MARK + (d.raws.size() - 1) + RAW_END);
  }

  private static byte[] serialize(Draft d, JsonNode body) {
    String text = body.toString();
    for (int i = 0; i < d.raws.size(); i++) {
      text = text.replace(NODES.textNode(RAW_MARK + i + RAW_END).toString(), d.raws.get(i));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Ways to break a body's bytes, by name; each gets the bytes and the same as text. */
  private final List<Map.Entry<String, BiFunction<byte[], String, byte[]>>> syntax =
      List.of(
          Map.entry("truncated", (b, t) -> Arrays.copyOf(b, below(Math.max(1, b.length)))),
          Map.entry(
              "trailing-garbage",
              (b, t) -> utf8(t + pick(List.of(" x", "}", ",", " {}", "\u0000", " // c")))),
          Map.entry("empty", (b, t) -> new byte[0]),
          Map.entry(
              "not-an-object",
              (b, t) ->
                  utf8(pick(List.of("null", "[]", "42", "\"s\"", "true", "[{}]", " ", "\n")))),
          Map.entry("nested", (b, t) -> nested(pick(List.of(1000, 100_000)))),
          Map.entry("invalid-utf8", (b, t) -> invalidUtf8(b, t)),
          Map.entry("bom", (b, t) -> concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, b)),
          Map.entry("utf16", (b, t) -> t.getBytes(StandardCharsets.UTF_16)),
          Map.entry("single-quotes", (b, t) -> utf8(t.replace('"', '\''))),
          Map.entry("unquoted-keys", (b, t) -> utf8(t.replaceAll("\"([a-z_]+)\":", "$1:"))),
          Map.entry("comment", (b, t) -> utf8(t.replaceFirst("\\{", "{/* c */"))),
          Map.entry("trailing-comma", (b, t) -> utf8(t.replaceFirst("\\}$", ",}"))),
          Map.entry(
              "duplicate-key",
              (b, t) ->
                  utf8(
                      t.replaceFirst("^\\{", "{\"name\": 1, \"name\": \"dup\", ")
                          .replace(", }", "}"))),
          Map.entry(
              "raw-control-chars",
              (b, t) -> utf8(t.replaceFirst(":\\s*\"", ": \"raw\u0000nul\u0001"))),
          Map.entry(
              "over-1-MiB", (b, t) -> utf8("{\"p\": \"" + "x".repeat(Call.MAX_BODY_BYTES) + "\"}")),
          Map.entry(
              "bad-number",
              (b, t) ->
                  utf8(
                      t.replaceFirst(
                          ":\\s*(\"[^\"]*\"|[-0-9.eE+]+|true|false|null)",
                          ": " + pick(BAD_NUMBERS)))),
          Map.entry("random-bytes", (b, t) -> randomBytes(1 + below(200))),
          Map.entry(
              "bad-escape", (b, t) -> utf8(t.replaceFirst("\"([^\"]*)\"", "\"$1\\\\q\\\\u12\""))),
          Map.entry("form-encoded", (b, t) -> utf8("name=x&board_id=1")),
          Map.entry("nul-key", (b, t) -> utf8(t.replaceFirst("\\{", "{\"\\u0000\": 1, "))),
          Map.entry("two-documents", (b, t) -> utf8(t.repeat(2))));

  private static final List<String> BAD_NUMBERS =
      List.of(
          "1e999",
          "NaN",
          "-Infinity",
          "01",
          "+1",
          "0x1",
          "1e-9999",
          "1234567890123456789012345678901234567890");

  private void mutateSyntax(Draft d) {
    byte[] body = d.body == null ? utf8("{\"name\": \"x\"}") : d.body;
    var mutation = pick(syntax);
    d.body = mutation.getValue().apply(body, new String(body, StandardCharsets.UTF_8));
    if (d.contentType == null) {
      d.contentType = "application/json";
    }
    d.label("syntax=" + mutation.getKey());
  }

  private static byte[] nested(int depth) {
    return utf8("{\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}");
  }

  /** The body with bytes no UTF-8 text holds inside its first string. */
  private byte[] invalidUtf8(byte[] body, String text) {
    int at = Math.min(Math.max(1, text.indexOf('"') + 1), body.length);
    byte[] bad =
        pick(
            List.of(
                new byte[] {(byte) 0xff, (byte) 0xfe},
                new byte[] {(byte) 0xc0, (byte) 0xaf},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0x80}));
    return concat(Arrays.copyOf(body, at), bad, Arrays.copyOfRange(body, at, body.length));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void mutateContentType(Draft d) {
    String type =
        pick(
            java.util.Arrays.asList(
                null,
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "json",
                "/",
                "application/json;x",
                "application/json; charset",
                "application/json; charset=utf-16",
                "application/json; charset=nonsense",
                "APPLICATION/JSON",
                "application/json, text/plain",
                "application/jsonx",
                "application/*",
                "*/*",
                "application/json; boundary=\"unterminated",
                "appl\u00e9cation/json",
                "application/" + "j".repeat(10_000),
                "application/vnd.api+json",
                "application/json; q=0.5; charset=\"utf-8\"",
                "",
                " application/json ",
                "application/json\u0000"));
    if (d.body == null) {
      d.body = "{}".getBytes(StandardCharsets.UTF_8);
    }
    d.contentType = type;
    d.label("content-type=" + (type == null ? "missing" : clip(printable(type), 40)));
  }

  // ---------------------------------------------------------------- schema plumbing

  /** The schema with references followed, {@code allOf} merged and one {@code oneOf} picked. */
  private JsonNode flatten(JsonNode schema) {
    JsonNode s = resolve(components, schema);
    for (String choice : List.of("oneOf", "anyOf")) {
      if (s.path(choice).isArray() && s.path(choice).size() > 0) {
        ObjectNode merged = s.deepCopy();
        merged.remove(choice);
        merged.remove("discriminator");
        JsonNode picked = flatten(s.path(choice).get(random.nextInt(s.path(choice).size())));
        return merge(merged, picked);
      }
    }
    if (s.path("allOf").isArray()) {
      ObjectNode merged = s.deepCopy();
      merged.remove("allOf");
      for (JsonNode part : s.path("allOf")) {
        merged = merge(merged, flatten(part));
      }
      return merged;
    }
    return s;
  }

  private static ObjectNode merge(ObjectNode into, JsonNode from) {
    ObjectNode merged = into.deepCopy();
    for (Map.Entry<String, JsonNode> field : from.properties()) {
      if (field.getKey().equals("properties") && merged.has("properties")) {
        ((ObjectNode) merged.get("properties")).setAll((ObjectNode) field.getValue().deepCopy());
      } else if (field.getKey().equals("required") && merged.has("required")) {
        ((ArrayNode) merged.get("required")).addAll((ArrayNode) field.getValue().deepCopy());
      } else {
        merged.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return merged;
  }

  private static JsonNode resolve(JsonNode components, JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; hops < 20 && current.has("$ref"); hops++) {
      String[] parts = current.path("$ref").asText().split("/");
      current = components.path(parts[2]).path(parts[3]);
    }
    return current;
  }

  // ---------------------------------------------------------------- randomness

  private int below(int bound) {
    return random.nextInt(bound);
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String randomWord(int length) {
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < length; i++) {
      word.append("abcdefghijkmnopqrstuvwxyz0123456789".charAt(random.nextInt(35)));
    }
    return word.toString();
  }

  /**
   * Text of lower-case letters, digits and a few non-ASCII letters: never a word the checks flag.
   */
  private String randomText(int length) {
    StringBuilder text = new StringBuilder();
    String alphabet = "abcdefghijkmnopqrstuvwxyz0123456789 éüß中😀";
    while (text.codePointCount(0, text.length()) < length) {
      text.appendCodePoint(
          alphabet.codePointAt(
              alphabet.offsetByCodePoints(
                  0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    return text.toString().isBlank() ? "x" + text.substring(1) : text.toString();
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  static String clip(String text, int max) {
    return text.length() <= max
        ? text
        : text.substring(0, max) + "...(" + text.length() + " chars)";
  }

  // ---------------------------------------------------------------- drafts

  /** A field of a generated body, with its schema, that a mutation may break. */
  private record Slot(ObjectNode parent, String field, JsonNode schema, boolean required) {}

  private record ArrayWithSchema(ArrayNode array, JsonNode items) {}

  /** A request being built. */
  private final class Draft {
    final Operation op;
    final Map<String, String> pathValues = new LinkedHashMap<>();
    final List<String[]> query = new ArrayList<>();
    final List<String> headers = new ArrayList<>();
    final List<Slot> slots = new ArrayList<>();
    final List<ObjectNode> objects = new ArrayList<>();
    final List<ArrayWithSchema> arrays = new ArrayList<>();
    final List<String> labels = new ArrayList<>();
    final List<String> raws = new ArrayList<>();
    String method;
    String path;
    String pathVariant = "";
    Ref target;
    String auth;
    byte[] body;
    String contentType;
    boolean chunked;
    Optional<Ref> deletes = Optional.empty();

    Draft(Operation op) {
      this.op = op;
      this.method = op.method();
    }

    void label(String label) {
      labels.add(label);
    }

    Request build() {
      String target = path;
      for (Map.Entry<String, String> value : pathValues.entrySet()) {
        String v = value.getValue();
        String segment = v.startsWith(RAW_MARK) ? v.substring(RAW_MARK.length()) : encodePath(v);
        target = target.replace("{" + value.getKey() + "}", segment);
      }
      target =
          switch (pathVariant) {
            case "trailing-slash" -> target + "/";
            case "double-slash" -> target.replaceFirst("/v5/", "/v5//");
            case "encoded" ->
                target.replaceFirst(
                    "/v5/(.)",
                    "/v5/%" + String.format(Locale.ROOT, "%02X", (int) target.charAt(4)));
            case "dot-segment" -> target.replaceFirst("/v5/", "/v5/x/../");
            case "upper-case" -> target.toUpperCase(Locale.ROOT);
            default -> target;
          };
      if (!query.isEmpty()) {
        StringBuilder q = new StringBuilder();
        for (String[] pair : query) {
          q.append(q.isEmpty() ? "?" : "&").append(pair[0]);
          if (pair.length > 1) {
            q.append('=').append(pair[1]);
          }
        }
        target += q;
      }
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      if (auth != null) {
        head.append("Authorization: ").append(auth).append("\r\n");
      }
      for (String header : headers) {
        head.append(header).append("\r\n");
      }
      if (body != null && contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      byte[] payload = body;
      if (body != null && chunked) {
        head.append("Transfer-Encoding: chunked\r\n");
        payload = chunk(body);
      } else if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      } else if (chunked) {
        head.append("Transfer-Encoding: chunked\r\n");
        payload = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      }
      head.append("\r\n");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      if (payload != null) {
        bytes.writeBytes(payload);
      }
      boolean closes = headers.stream().anyMatch(h -> h.equalsIgnoreCase("Connection: close"));
      String label =
          op.key() + (labels.isEmpty() ? " [valid]" : " [" + String.join("; ", labels) + "]");
      return new Request(op, label, method, bytes.toByteArray(), closes, deletes, pathValues);
    }
  }

  private static byte[] chunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int size = Math.min(4096, body.length - at);
      out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, size);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      at += size;
    }
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static String encodePath(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }
}
