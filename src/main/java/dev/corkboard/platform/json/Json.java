package dev.corkboard.platform.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.api.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one JSON mapper of the process (record components written in snake_case, as v5 spells its
 * fields), and the wire format of timestamps.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // A body is one JSON value: "{...} garbage" is malformed, not a valid prefix.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .build();

  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  /** The shared mapper; it is thread-safe once configured. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Serialises a tree or a record to UTF-8 bytes. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses UTF-8 bytes into a tree; throws {@link IOException} subclasses for malformed input. */
  public static JsonNode parse(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  /** Parses a resource that is known to be valid JSON. */
  public static JsonNode parseTrusted(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Formats an instant as RFC 3339 in UTC with a {@code Z}, to the second. */
  public static String timestamp(Instant instant) {
    return RFC3339.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** The body of a page of a list as Pinterest writes it: {@code items} and {@code bookmark}. */
  public static <T> PageBody<T> page(Page<T> page) {
    return new PageBody<>(page.items(), page.bookmark().orElse(null));
  }

  /**
   * A page of a list on the wire.
   *
   * @param items the items, in list order
   * @param bookmark the bookmark of the next page, null on the last page
   */
  public record PageBody<T>(List<T> items, @Nullable String bookmark) {}
}
