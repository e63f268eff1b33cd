package dev.corkboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A media source and its original as read in the same statement as the pins that show it, so a pin
 * or a page of pins is one round trip. {@link MediaService#view} turns it into a {@link MediaView}.
 *
 * @param id the source id
 * @param state fetching, fetched or failed
 * @param failure why fetching failed, or null
 * @param sha256 the original's hash once fetched, or null
 * @param mediaState processing, ready or failed, or null before the original is known
 * @param mediaFailure why processing failed, or null
 * @param dominantColor the computed dominant colour, or null
 * @param variants the variants' sizes by key, or a missing node
 */
public record SourceSnapshot(
    long id,
    String state,
    String failure,
    String sha256,
    String mediaState,
    String mediaFailure,
    String dominantColor,
    JsonNode variants) {

  /**
   * The SQL expression, over {@code s} (media_sources) and {@code m} (media, left-joined), of one
   * snapshot as a JSON object with the keys {@link #fromJson} reads.
   */
  public static final String JSON_SQL =
      "json_build_object('id', s.id, 'state', s.state, 'failure', s.failure, 'sha256', s.sha256,"
          + " 'media_state', m.state, 'media_failure', m.failure,"
          + " 'dominant_color', m.dominant_color, 'variants', m.variants)";

  /** Reads a snapshot built by {@link #JSON_SQL}. */
  public static SourceSnapshot fromJson(JsonNode node) {
    return new SourceSnapshot(
        node.path("id").asLong(),
        text(node, "state"),
        text(node, "failure"),
        text(node, "sha256"),
        text(node, "media_state"),
        text(node, "media_failure"),
        text(node, "dominant_color"),
        node.has("variants") && !node.get("variants").isNull()
            ? node.get("variants")
            : MissingNode.getInstance());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
