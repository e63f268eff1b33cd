package dev.corkboard.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds this server's OpenAPI 3 document from the route table: for each Pinterest v5 operation it
 * serves, Pinterest's own description with every schema it references; for each extension, the
 * description in {@code openapi/extensions.json}. So the document lists exactly what the server
 * answers.
 */
final class OpenApiDocument {

  private static final String PINTEREST = "/openapi/pinterest-v5.json";
  private static final String EXTENSIONS = "/openapi/extensions.json";
  private static final String PREFIX = "/v5";

  private OpenApiDocument() {}

  /** The document for the routes, as JSON bytes. */
  public static byte[] build(List<Route> routes) {
    JsonNode pinterest = load(PINTEREST);
    JsonNode extensions = load(EXTENSIONS);
    ObjectNode doc = Json.object();
    doc.put("openapi", pinterest.path("openapi").asText("3.0.3"));
    ObjectNode info = Json.object();
    info.put("title", extensions.path("info").path("title").asText());
    info.put("version", pinterest.path("info").path("version").asText() + "-corkboard");
    info.put("description", extensions.path("info").path("description").asText());
    info.set(
        "license", Json.object().put("name", "MIT").put("url", "https://spdx.org/licenses/MIT"));
    doc.set("info", info);
    doc.set("servers", Json.mapper().createArrayNode().add(Json.object().put("url", PREFIX)));
    ObjectNode paths = Json.object();
    for (Route route : routes) {
      if (!route.pattern().startsWith(PREFIX + "/")) {
        continue;
      }
      String path = route.pattern().substring(PREFIX.length());
      String method = route.method().toLowerCase(Locale.ROOT);
      JsonNode source = route.operationId().isPresent() ? pinterest : extensions;
      JsonNode operation = source.path("paths").path(path).path(method);
      if (operation.isMissingNode()) {
        throw new IllegalStateException(
            "route " + route.method() + " " + route.pattern() + " is not described");
      }
      ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : Json.object();
      JsonNode shared = source.path("paths").path(path).path("parameters");
      if (!shared.isMissingNode()) {
        item.set("parameters", shared.deepCopy());
      }
      item.set(method, operation.deepCopy());
      paths.set(path, item);
    }
    doc.set("paths", paths);
    ObjectNode components = components(pinterest, extensions, paths);
    extend(components, extensions);
    doc.set("components", components);
    return Json.bytes(doc);
  }

  /**
   * Adds this server's extension properties to Pinterest's schemas (for example {@code
   * media_status} on {@code Pin}), with the schemas they reference.
   */
  private static void extend(ObjectNode components, JsonNode extensions) {
    ObjectNode schemas = (ObjectNode) components.path("schemas");
    extensions
        .path("x-corkboard-extend-schemas")
        .properties()
        .forEach(
            schema -> {
              JsonNode target = schemas.get(schema.getKey());
              if (target == null) {
                return;
              }
              ObjectNode copy = target.deepCopy();
              ObjectNode properties =
                  copy.has("properties")
                      ? (ObjectNode) copy.get("properties")
                      : copy.putObject("properties");
              schema
                  .getValue()
                  .properties()
                  .forEach(
                      p -> {
                        properties.set(p.getKey(), p.getValue());
                        String ref = p.getValue().path("$ref").asText("");
                        if (ref.startsWith("#/components/schemas/")) {
                          String name = ref.substring("#/components/schemas/".length());
                          schemas.set(
                              name, extensions.path("components").path("schemas").path(name));
                        }
                      });
              schemas.set(schema.getKey(), copy);
            });
  }

  /**
   * Every component the paths reference (by {@code $ref} or a discriminator's mapping),
   * transitively, plus every security scheme.
   */
  private static ObjectNode components(JsonNode pinterest, JsonNode extensions, JsonNode paths) {
    ObjectNode all = pinterest.path("components").deepCopy();
    extensions
        .path("components")
        .properties()
        .forEach(
            section -> {
              ObjectNode target =
                  all.has(section.getKey())
                      ? (ObjectNode) all.get(section.getKey())
                      : all.putObject(section.getKey());
              section.getValue().properties().forEach(e -> target.set(e.getKey(), e.getValue()));
            });
    ObjectNode kept = Json.object();
    kept.set("securitySchemes", all.path("securitySchemes").deepCopy());
    Set<String> seen = new HashSet<>();
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(paths);
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      if (node.isObject()) {
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual() && seen.add(ref.textValue())) {
          String[] parts = ref.textValue().split("/");
          if (parts.length != 4 || !parts[0].equals("#") || !parts[1].equals("components")) {
            throw new IllegalStateException("unsupported reference " + ref.textValue());
          }
          JsonNode target = all.path(parts[2]).path(parts[3]);
          if (target.isMissingNode()) {
            throw new IllegalStateException("dangling reference " + ref.textValue());
          }
          ObjectNode section =
              kept.has(parts[2]) ? (ObjectNode) kept.get(parts[2]) : kept.putObject(parts[2]);
          section.set(parts[3], target);
          pending.push(target);
        }
        // A discriminator names the schemas it chooses between by reference too.
        node.path("discriminator")
            .path("mapping")
            .forEach(mapped -> pending.push(Json.object().set("$ref", mapped)));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            it.hasNext(); ) {
          pending.push(it.next().getValue());
        }
      } else if (node.isArray()) {
        ((ArrayNode) node).forEach(pending::push);
      }
    }
    return kept;
  }

  private static JsonNode load(String resource) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return Json.parseTrusted(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
