package dev.corkboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.corkboard.platform.json.Json;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An original as read, which {@link MediaService#views} turns into a {@link MediaView}.
 *
 * @param sha256 the original's hash
 * @param state where making the variants stands
 * @param failure why making the variants failed
 * @param dominantColor the computed dominant colour
 * @param variants the variants' sizes by key, or a missing node
 */
record OriginalSnapshot(
    String sha256,
    ImageState state,
    Optional<String> failure,
    Optional<String> dominantColor,
    JsonNode variants) {

  /** Reads a snapshot from a row of {@link MediaRepository#originals}. */
  static OriginalSnapshot fromRow(Row row) {
    String variants = row.getString("variants");
    return new OriginalSnapshot(
        row.getString("sha256"),
        ImageState.fromSql(row.getString("state")),
        Optional.ofNullable(row.getString("failure")),
        Optional.ofNullable(row.getString("dominant_color")),
        variants == null
            ? MissingNode.getInstance()
            : Json.parseTrusted(variants.getBytes(StandardCharsets.UTF_8)));
  }
}
