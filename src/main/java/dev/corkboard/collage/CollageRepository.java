package dev.corkboard.collage;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.corkboard.account.AccountSql;
import dev.corkboard.collage.render.Point;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.platform.json.Json;
import io.vertx.sqlclient.Row;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Stores cutouts, collages and their global lookups by pin and cutout in PostgreSQL. */
final class CollageRepository {

  private static final String CUTOUT =
      """
      SELECT c.id, c.owner_id, a.username, c.pin_id, c.polygon::text AS polygon, c.width,
             c.height, c.blob_key, c.created_at
      FROM cutouts c
      """
          + AccountSql.joinOwner("c")
          + "\n";

  private static final String COLLAGE =
      """
      SELECT c.id, c.owner_id, a.username, c.title, c.document::text AS document, c.version,
             c.created_at, c.updated_at, c.remixed_from, c.source_pins, c.published_version,
             c.published_title,
             c.published_document::text AS published_document, c.published_sources,
             c.published_pin_id
      FROM collages c
      """
          + AccountSql.joinOwner("c")
          + "\n";

  void insertCutout(Sql sql, Cutout cutout) {
    short shard = Ids.shardOf(cutout.id());
    var polygon = Json.object();
    var points = polygon.putArray("points");
    cutout.polygon().forEach(p -> points.addArray().add(p.x()).add(p.y()));
    sql.update(
        """
        INSERT INTO cutouts (shard, id, owner_id, pin_id, polygon, width, height, blob_key,
                             created_at)
        VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9)
        """,
        shard,
        cutout.id(),
        cutout.ownerId(),
        cutout.pinId(),
        polygon.toString(),
        cutout.width(),
        cutout.height(),
        cutout.blobKey(),
        cutout.createdAt().atOffset(ZoneOffset.UTC));
    sql.update(
        "INSERT INTO pin_cutouts (pin_id, cutout_id, cutout_shard) VALUES ($1, $2, $3)",
        cutout.pinId(),
        cutout.id(),
        shard);
  }

  Optional<Cutout> findCutout(Sql sql, long id) {
    return sql.one(
        CUTOUT + "WHERE c.shard = $1 AND c.id = $2",
        CollageRepository::cutout,
        Ids.shardOf(id),
        id);
  }

  /** Cutout ids made from a pin, newest first, before {@code beforeId}. */
  List<Long> cutoutIdsOfPin(Sql sql, long pinId, long beforeId, int limit) {
    return sql.list(
        """
        SELECT cutout_id FROM pin_cutouts WHERE pin_id = $1 AND cutout_id < $2
        ORDER BY cutout_id DESC LIMIT $3
        """,
        row -> row.getLong(0),
        pinId,
        beforeId,
        limit);
  }

  boolean cutoutInPublishedCollage(Sql sql, long cutoutId) {
    return sql.one(
            "SELECT 1 FROM cutout_collages WHERE cutout_id = $1 LIMIT 1", row -> true, cutoutId)
        .isPresent();
  }

  void deleteCutout(Sql sql, Cutout cutout) {
    sql.update(
        "DELETE FROM cutouts WHERE shard = $1 AND id = $2", Ids.shardOf(cutout.id()), cutout.id());
    sql.update(
        "DELETE FROM pin_cutouts WHERE pin_id = $1 AND cutout_id = $2",
        cutout.pinId(),
        cutout.id());
  }

  void insertCollage(Sql sql, Collage collage) {
    sql.update(
        """
        INSERT INTO collages (shard, id, owner_id, title, document, version, created_at,
                              updated_at, remixed_from, source_pins)
        VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $7, $8, $9)
        """,
        Ids.shardOf(collage.id()),
        collage.id(),
        collage.ownerId(),
        collage.title(),
        json(collage.layout()),
        collage.version(),
        collage.createdAt().atOffset(ZoneOffset.UTC),
        collage.remixedFrom() == 0 ? null : collage.remixedFrom(),
        collage.sourcePins().toArray(Long[]::new));
  }

  Optional<Collage> findCollage(Sql sql, long id) {
    return sql.one(
        COLLAGE + "WHERE c.shard = $1 AND c.id = $2",
        CollageRepository::collage,
        Ids.shardOf(id),
        id);
  }

  List<Collage> listByOwner(Sql sql, long ownerId, long beforeId, int limit) {
    return sql.list(
        COLLAGE
            + "WHERE c.shard = $1 AND c.owner_id = $2 AND c.id < $3 ORDER BY c.id DESC LIMIT $4",
        CollageRepository::collage,
        Ids.shardOf(ownerId),
        ownerId,
        beforeId,
        limit);
  }

  /** Writes a new version if the stored one is still {@code expectedVersion}. */
  boolean updateCollage(
      Sql sql,
      long id,
      int expectedVersion,
      String title,
      CollageLayout layout,
      List<Long> sourcePins) {
    return sql.update(
            """
            UPDATE collages SET title = $4, document = $5::text::jsonb, source_pins = $6,
                                version = version + 1, updated_at = now()
            WHERE shard = $1 AND id = $2 AND version = $3
            """,
            Ids.shardOf(id),
            id,
            expectedVersion,
            title,
            json(layout),
            sourcePins.toArray(Long[]::new))
        > 0;
  }

  void deleteCollage(Sql sql, long id) {
    sql.update("DELETE FROM collages WHERE shard = $1 AND id = $2", Ids.shardOf(id), id);
    sql.update("DELETE FROM pin_collages WHERE collage_id = $1", id);
    sql.update("DELETE FROM cutout_collages WHERE collage_id = $1", id);
  }

  /** Records a publication and refreshes the lookups of the pins and cutouts it uses. */
  void publish(Sql sql, Collage collage, long pinId, List<Long> cutoutIds) {
    short shard = Ids.shardOf(collage.id());
    sql.update(
        """
        UPDATE collages SET published_version = $3, published_document = $4::text::jsonb,
                            published_sources = $5, published_pin_id = $6, published_title = $7
        WHERE shard = $1 AND id = $2
        """,
        shard,
        collage.id(),
        collage.version(),
        json(collage.layout()),
        collage.sourcePins().toArray(Long[]::new),
        pinId,
        collage.title());
    sql.update("DELETE FROM pin_collages WHERE collage_id = $1", collage.id());
    sql.update("DELETE FROM cutout_collages WHERE collage_id = $1", collage.id());
    for (long pin : collage.sourcePins()) {
      sql.update(
          "INSERT INTO pin_collages (pin_id, collage_id, collage_shard) VALUES ($1, $2, $3)"
              + " ON CONFLICT DO NOTHING",
          pin,
          collage.id(),
          shard);
    }
    for (long cutout : cutoutIds) {
      sql.update(
          "INSERT INTO cutout_collages (cutout_id, collage_id, collage_shard) VALUES ($1, $2, $3)"
              + " ON CONFLICT DO NOTHING",
          cutout,
          collage.id(),
          shard);
    }
  }

  /** Ids of published collages that use a pin, newest first, before {@code beforeId}. */
  List<Long> collageIdsOfPin(Sql sql, long pinId, long beforeId, int limit) {
    return sql.list(
        """
        SELECT collage_id FROM pin_collages WHERE pin_id = $1 AND collage_id < $2
        ORDER BY collage_id DESC LIMIT $3
        """,
        row -> row.getLong(0),
        pinId,
        beforeId,
        limit);
  }

  private static String json(CollageLayout layout) {
    return Json.mapper().valueToTree(layout).toString();
  }

  private static CollageLayout layout(String text) {
    try {
      return Json.mapper().readValue(text, CollageLayout.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored collage layout is unreadable", e);
    }
  }

  private static Cutout cutout(Row row) {
    var polygon =
        Json.parseTrusted(
            row.getString("polygon").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    List<Point> points = new java.util.ArrayList<>();
    polygon
        .path("points")
        .forEach(p -> points.add(new Point(p.get(0).asDouble(), p.get(1).asDouble())));
    return new Cutout(
        row.getLong("id"),
        row.getLong("owner_id"),
        row.getString("username"),
        row.getLong("pin_id"),
        points,
        row.getInteger("width"),
        row.getInteger("height"),
        row.getString("blob_key"),
        row.getOffsetDateTime("created_at").toInstant());
  }

  private static Collage collage(Row row) {
    CollageLayout current = layout(row.getString("document"));
    String published = row.getString("published_document");
    Long remixed = row.getLong("remixed_from");
    Integer publishedVersion = row.getInteger("published_version");
    Long publishedPin = row.getLong("published_pin_id");
    Long[] sources = row.getArrayOfLongs("source_pins");
    Long[] publishedSources = row.getArrayOfLongs("published_sources");
    return new Collage(
        row.getLong("id"),
        row.getLong("owner_id"),
        row.getString("username"),
        row.getString("title"),
        current,
        row.getInteger("version"),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("updated_at").toInstant(),
        remixed == null ? 0 : remixed,
        Arrays.asList(sources),
        publishedVersion == null ? 0 : publishedVersion,
        row.getString("published_title") == null
            ? row.getString("title")
            : row.getString("published_title"),
        published == null ? current : layout(published),
        publishedSources == null ? List.of() : Arrays.asList(publishedSources),
        publishedPin == null ? 0 : publishedPin);
  }
}
