package dev.corkboard.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed JSON object body with typed accessors that reject wrong types with a message naming the
 * field. Unknown fields are ignored, as Pinterest clients may send more than an operation reads.
 */
public final class JsonBody {

  private final ObjectNode root;

  JsonBody(ObjectNode root) {
    this.root = root;
  }

  /** Whether the field is present, even if it is {@code null}. */
  public boolean has(String field) {
    return root.has(field);
  }

  /** Whether the field is present with the value {@code null}. */
  public boolean isNull(String field) {
    return root.has(field) && root.get(field).isNull();
  }

  /** The raw node of a field, when present. */
  public Optional<JsonNode> node(String field) {
    return Optional.ofNullable(root.get(field));
  }

  /** A required string field: absent, {@code null} or not a string is invalid input. */
  public String requiredString(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw new ApiException.InvalidInput(field + " is required.");
    }
    return asString(field, node);
  }

  /** An optional string field; an explicit {@code null} counts as absent. */
  public Optional<String> string(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    return Optional.of(asString(field, node));
  }

  /** A required array of strings. */
  public List<String> requiredStringList(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw new ApiException.InvalidInput(field + " is required.");
    }
    if (!node.isArray()) {
      throw new ApiException.InvalidInput(field + " must be an array of strings.");
    }
    List<String> values = new ArrayList<>(node.size());
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new ApiException.InvalidInput(field + " must be an array of strings.");
      }
      values.add(checkNoNul(field, element.textValue()));
    }
    return values;
  }

  /** A required id field: a string of digits naming a positive 64-bit number. */
  public long requiredId(String field) {
    return optionalId(field)
        .orElseThrow(() -> new ApiException.InvalidInput(field + " is required."));
  }

  /** An optional id field; an explicit {@code null} counts as absent. */
  public OptionalLong optionalId(String field) {
    Optional<String> value = string(field);
    return value.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(Checks.parseId(field, value.get()));
  }

  /** An optional boolean field; an explicit {@code null} counts as absent. */
  public Optional<Boolean> bool(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      throw new ApiException.InvalidInput(field + " must be a boolean.");
    }
    return Optional.of(node.booleanValue());
  }

  /** An optional enum field, matched on the constant's name, listing the allowed values if not. */
  public <E extends Enum<E>> Optional<E> enumValue(String field, Class<E> type, E[] allowed) {
    return string(field).map(value -> Checks.oneOf(field, value, allowed));
  }

  private static String asString(String field, JsonNode node) {
    if (!node.isTextual()) {
      throw new ApiException.InvalidInput(field + " must be a string.");
    }
    return checkNoNul(field, node.textValue());
  }

  // PostgreSQL text cannot hold U+0000, so such a string must be refused here, not fail in SQL.
  private static String checkNoNul(String field, String value) {
    if (value.indexOf('\u0000') >= 0) {
      throw new ApiException.InvalidInput(field + " must not contain the NUL character (U+0000).");
    }
    return value;
  }
}
