package dev.corkboard.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates responses against Pinterest's official v5 description, and responses of this server's
 * extensions against the document it serves at {@code /v5/openapi.json}. Each validator loads once
 * per test JVM.
 */
public final class Specs {

  /** The paths of this server's own extensions; every other {@code /v5} path is Pinterest's. */
  private static final Pattern EXTENSION =
      Pattern.compile(
          "/v5/(accounts|tokens(/[^/]+)?|oauth/apps(/[^/]+)?|openapi\\.json|cutouts(/.*)?|collages(/.*)?"
              + "|pins/bulk|pins/[^/]+/(cutouts|collages|related)"
              + "|boards/[^/]+/(follow|followers|ideas|merge|owner|activity|archive|collaborators(/[^/]+)?"
              + "|pins/order|sections/order)"
              + "|users/.*|feed|search/public/(pins|boards)|user_account/boards/order"
              + "|user_account/invitations(/[^/]+/(accept|decline))?)");

  /** Extensions on a path of Pinterest's: another method on it is Pinterest's operation. */
  private static final Pattern EXTENSION_DELETE = Pattern.compile("/v5/user_account/following/.+");

  /**
   * Fields this server adds to Pinterest's objects. Pinterest's description is read as closed, so
   * only these may appear beyond it; the server's own document describes them, and every response
   * is validated against that document too.
   */
  private static final java.util.Set<String> EXTENSION_FIELDS =
      java.util.Set.of("media_status", "collage_id", "pinner", "role", "archived");

  private static final Pattern NOT_ALLOWED =
      Pattern.compile("not allowed by the schema: \\[(.*)\\]");

  private static OpenApiInteractionValidator pinterest;
  private static OpenApiInteractionValidator corkboard;

  private Specs() {}

  /** The official Pinterest v5 description as shared beside the project. */
  public static final Path SHARED_SPEC = Path.of("../shared/pinterest-api-v5/openapi.json");

  /** The copy of the same description the server bundles to build its own document. */
  public static final Path BUNDLED_SPEC = Path.of("src/main/resources/openapi/pinterest-v5.json");

  /**
   * The official Pinterest v5 description: the {@code corkboard.spec} property, else the copy
   * shared beside the project, else the identical copy bundled with the server (a test checks the
   * two are the same wherever both exist).
   */
  public static Path pinterestSpecPath() {
    String property = System.getProperty("corkboard.spec");
    if (property != null && Files.isRegularFile(Path.of(property))) {
      return Path.of(property);
    }
    if (Files.isRegularFile(SHARED_SPEC)) {
      return SHARED_SPEC;
    }
    if (Files.isRegularFile(BUNDLED_SPEC)) {
      return BUNDLED_SPEC;
    }
    throw new IllegalStateException(
        "Pinterest's v5 description is missing at " + SHARED_SPEC + " and " + BUNDLED_SPEC);
  }

  static synchronized OpenApiInteractionValidator pinterest() {
    if (pinterest == null) {
      pinterest =
          OpenApiInteractionValidator.createForSpecificationUrl(readableSpec())
              .withBasePathOverride("/v5")
              .withResolveCombinators(true)
              .withWhitelist(
                  com.atlassian.oai.validator.whitelist.ValidationErrorsWhitelist.create()
                      .withRule(
                          "documented Corkboard extension fields",
                          (message, operation, request, response) -> onlyExtensionFields(message)))
              .build();
    }
    return pinterest;
  }

  /** The official description as the validator can read it (see {@link #readable}). */
  private static String readableSpec() {
    try {
      return readable(Files.readString(pinterestSpecPath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A copy of a description that the validator can read, in a temporary file. The official
   * description's OAuth token responses (Pinterest's and so the server's document too) name {@code
   * response_type} as their discriminator without listing it as required, which the validator
   * refuses as an invalid schema, and they combine their own properties with {@code allOf} parts,
   * which the validator, reading every object as closed, checks part by part. The copy lists every
   * discriminator as required (what a discriminator means) and merges the inline {@code allOf}
   * parts of the schemas a discriminator chooses between into them (the same set of objects).
   */
  private static String readable(String document) throws IOException {
    JsonNode spec = Json.parseTrusted(document.getBytes(StandardCharsets.UTF_8));
    JsonNode schemas = spec.path("components").path("schemas");
    for (JsonNode schema : schemas) {
      String property = schema.path("discriminator").path("propertyName").asText("");
      if (property.isEmpty()) {
        continue;
      }
      addRequired((ObjectNode) schema, property);
      merge((ObjectNode) schema);
      for (JsonNode mapped : schema.path("discriminator").path("mapping")) {
        JsonNode target = schemas.path(mapped.asText().substring("#/components/schemas/".length()));
        if (target.isObject()) {
          merge((ObjectNode) target);
        }
      }
    }
    Path file = Files.createTempFile("openapi-readable-", ".json");
    file.toFile().deleteOnExit();
    Files.write(file, Json.bytes(spec));
    return file.toUri().toString();
  }

  private static void addRequired(ObjectNode schema, String property) {
    ArrayNode required =
        schema.has("required") ? (ArrayNode) schema.get("required") : schema.putArray("required");
    for (JsonNode name : required) {
      if (name.asText().equals(property)) {
        return;
      }
    }
    required.add(property);
  }

  /** Merges a schema's inline {@code allOf} objects into it, if every part is inline. */
  private static void merge(ObjectNode schema) {
    JsonNode parts = schema.path("allOf");
    if (!parts.isArray()) {
      return;
    }
    for (JsonNode part : parts) {
      if (part.has("$ref")) {
        return;
      }
    }
    ObjectNode properties =
        schema.has("properties")
            ? (ObjectNode) schema.get("properties")
            : schema.putObject("properties");
    for (JsonNode part : parts) {
      part.path("properties").properties().forEach(p -> properties.set(p.getKey(), p.getValue()));
      part.path("required").forEach(name -> addRequired(schema, name.asText()));
    }
    schema.remove("allOf");
  }

  static synchronized OpenApiInteractionValidator corkboard(
      java.util.function.Supplier<String> document) {
    if (corkboard == null) {
      try {
        corkboard =
            OpenApiInteractionValidator.createForSpecificationUrl(readable(document.get()))
                .withBasePathOverride("/v5")
                .withResolveCombinators(true)
                .build();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return corkboard;
  }

  private static boolean onlyExtensionFields(
      com.atlassian.oai.validator.report.ValidationReport.Message message) {
    if (!message.getKey().endsWith("additionalProperties")) {
      return false;
    }
    var matcher = NOT_ALLOWED.matcher(message.getMessage());
    if (!matcher.find()) {
      return false;
    }
    for (String name : matcher.group(1).split(",")) {
      if (!EXTENSION_FIELDS.contains(name.trim().replace("\"", ""))) {
        return false;
      }
    }
    return true;
  }

  /** Whether the path belongs to an extension of this server rather than to Pinterest's v5. */
  public static boolean isExtension(String path) {
    return EXTENSION.matcher(path).matches();
  }

  /** Whether the method on the path is an extension of this server rather than Pinterest's. */
  public static boolean isExtension(String method, String path) {
    return isExtension(path)
        || (method.equals("DELETE") && EXTENSION_DELETE.matcher(path).matches());
  }

  /**
   * Fails unless the response validates for its status against the description that owns the
   * operation.
   */
  static void validate(
      OpenApiInteractionValidator validator,
      String method,
      String path,
      int status,
      String contentType,
      String body) {
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    if (contentType != null) {
      response.withContentType(contentType);
    }
    if (body != null && !body.isEmpty()) {
      response.withBody(body);
    }
    ValidationReport report =
        validator.validateResponse(
            path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), response.build());
    if (report.hasErrors()) {
      throw new AssertionError(
          method
              + " "
              + path
              + " answered "
              + status
              + " with a body that does not validate:\n"
              + report.getMessages()
              + "\nbody: "
              + body);
    }
  }
}
