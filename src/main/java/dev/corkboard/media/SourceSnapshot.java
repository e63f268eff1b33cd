package dev.corkboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Optional;

/**
 * A media source and its original as read in the same statement as the pins that show it, so a pin
 * or a page of pins is one round trip. {@link MediaService#view} turns it into a {@link MediaView}.
 *
 * @param id the source id
 * @param state where fetching the original stands
 * @param failure why fetching failed
 * @param sha256 the original's hash once fetched
 * @param mediaState where making the variants stands, once the original is known
 * @param mediaFailure why making the variants failed
 * @param dominantColor the computed dominant colour
 * @param variants the variants' sizes by key, or a missing node
 */
public record SourceSnapshot(
    long id,
    SourceState state,
    Optional<String> failure,
    Optional<String> sha256,
    Optional<ImageState> mediaState,
    Optional<String> mediaFailure,
    Optional<String> dominantColor,
    JsonNode variants) {

  /**
   * The SQL expression, over {@code s} (media_sources) and {@code m} (media, left-joined), of one
   * snapshot as a JSON object with the keys {@link #fromJson} reads.
   */
  public static final String JSON_SQL =
      "json_build_object('id', s.id, 'state', s.state, 'failure', s.failure, 'sha256', s.sha256,"
          + " 'media_state', m.state, 'media_failure', m.failure,"
          + " 'dominant_color', m.dominant_color, 'variants', m.variants)";

  /**
   * Joins the media source of the rows aliased {@code alias} (rows with a {@code source_id}) as
   * {@code s} and its original, if known, as {@code m}: the aliases {@link #JSON_SQL} reads.
   */
  public static String joinSource(String alias) {
    return "JOIN media_sources s ON s.id = "
        + alias
        + ".source_id LEFT JOIN media m ON m.sha256 = s.sha256";
  }

  /** Reads a snapshot built by {@link #JSON_SQL}. */
  public static SourceSnapshot fromJson(JsonNode node) {
    return new SourceSnapshot(
        node.path("id").asLong(),
        SourceState.fromSql(node.path("state").asText()),
        text(node, "failure"),
        text(node, "sha256"),
        text(node, "media_state").map(ImageState::fromSql),
        text(node, "media_failure"),
        text(node, "dominant_color"),
        node.has("variants") && !node.get("variants").isNull()
            ? node.get("variants")
            : MissingNode.getInstance());
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
