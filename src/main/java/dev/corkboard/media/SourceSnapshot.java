package dev.corkboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.corkboard.platform.json.Json;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A media source and its original as read, which {@link MediaService#views} turns into a {@link
 * MediaView}.
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
record SourceSnapshot(
    long id,
    SourceState state,
    Optional<String> failure,
    Optional<String> sha256,
    Optional<ImageState> mediaState,
    Optional<String> mediaFailure,
    Optional<String> dominantColor,
    JsonNode variants) {

  /** Reads a snapshot from a row of {@link MediaRepository#snapshots}. */
  static SourceSnapshot fromRow(Row row) {
    String variants = row.getString("variants");
    return new SourceSnapshot(
        row.getLong("id"),
        SourceState.fromSql(row.getString("state")),
        Optional.ofNullable(row.getString("failure")),
        Optional.ofNullable(row.getString("sha256")),
        Optional.ofNullable(row.getString("media_state")).map(ImageState::fromSql),
        Optional.ofNullable(row.getString("media_failure")),
        Optional.ofNullable(row.getString("dominant_color")),
        variants == null
            ? MissingNode.getInstance()
            : Json.parseTrusted(variants.getBytes(StandardCharsets.UTF_8)));
  }
}
