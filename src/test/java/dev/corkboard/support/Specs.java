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
      Pattern.compile("/v5/(accounts|tokens(/[^/]+)?|openapi\\.json)");

  private static OpenApiInteractionValidator pinterest;
  private static OpenApiInteractionValidator corkboard;

  private Specs() {}

  /** The official Pinterest v5 description, as shared beside the project. */
  public static Path pinterestSpecPath() {
    Path path =
        Path.of(System.getProperty("corkboard.spec", "../shared/pinterest-api-v5/openapi.json"));
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("Pinterest's v5 description is missing at " + path);
    }
    return path;
  }

  static synchronized OpenApiInteractionValidator pinterest() {
    if (pinterest == null) {
      pinterest =
          OpenApiInteractionValidator.createForSpecificationUrl(
                  pinterestSpecPath().toAbsolutePath().toUri().toString())
              .withBasePathOverride("/v5")
              .withResolveCombinators(true)
              .build();
    }
    return pinterest;
  }

  static synchronized OpenApiInteractionValidator corkboard(String document) {
    if (corkboard == null) {
      try {
        Path file = Files.createTempFile("corkboard-openapi-", ".json");
        Files.writeString(file, document);
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

  /** Whether the path belongs to an extension of this server rather than to Pinterest's v5. */
  public static boolean isExtension(String path) {
    return EXTENSION.matcher(path).matches();
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
