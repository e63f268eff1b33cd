package dev.corkboard.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
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
          "/v5/(accounts|tokens(/[^/]+)?|openapi\\.json|cutouts(/.*)?|collages(/.*)?"
              + "|pins/[^/]+/(cutouts|collages|related)|boards/[^/]+/(follow|followers|ideas)|users/.*|feed"
              + "|search/public/(pins|boards))");

  /** Extensions on a path of Pinterest's: another method on it is Pinterest's operation. */
  private static final Pattern EXTENSION_DELETE = Pattern.compile("/v5/user_account/following/.+");

  /**
   * Fields this server adds to Pinterest's objects. Pinterest's description is read as closed, so
   * only these may appear beyond it; the server's own document describes them, and every response
   * is validated against that document too.
   */
  private static final java.util.Set<String> EXTENSION_FIELDS =
      java.util.Set.of("media_status", "collage_id");

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
          OpenApiInteractionValidator.createForSpecificationUrl(
                  pinterestSpecPath().toAbsolutePath().toUri().toString())
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

  static synchronized OpenApiInteractionValidator corkboard(
      java.util.function.Supplier<String> document) {
    if (corkboard == null) {
      try {
        Path file = Files.createTempFile("corkboard-openapi-", ".json");
        Files.writeString(file, document.get());
        corkboard =
            OpenApiInteractionValidator.createForSpecificationUrl(file.toUri().toString())
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
