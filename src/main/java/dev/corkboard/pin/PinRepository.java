package dev.corkboard.pin;

import dev.corkboard.account.AccountSql;
import dev.corkboard.board.BoardSql;
import dev.corkboard.board.BoardSql.BoardGuard;
import dev.corkboard.media.SourceRef;
import dev.corkboard.platform.api.AccessSql;
import dev.corkboard.platform.api.Members;
import dev.corkboard.platform.db.ManualOrder;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Stores pins and the images they show in PostgreSQL. */
final class PinRepository {

  /**
   * The columns of a pin aliased {@code p} other than its board's and owner's, with its parent's
   * owner and board privacy ({@code pp}, {@code pb}) and its images in order ({@code items}): the
   * ids of their media sources, whose state {@link dev.corkboard.media.MediaService#views} knows,
   * and their texts, and where each source stands ({@link SourceRef}).
   */
  private static final String PIN_COLUMNS =
      """
      p.id, p.owner_id, p.board_id, p.section_id, p.title, p.description, p.link, p.alt_text,
      p.dominant_color, p.parent_pin_id, p.creative_type, p.created_at, p.collage_id,
      p.pinner_id, pn.username AS pinner_username, pp.owner_id AS parent_owner_id, pb.privacy AS parent_privacy, items.sources,
      items.titles, items.descriptions, items.links, items.source_states, items.sha256s,
      items.failures
      """;

  /**
   * Joins what {@link #PIN_COLUMNS} reads besides the pin aliased {@code p}: its parent, if any,
   * and its images, aggregated into arrays in one row (an aggregate answers a row even for none).
   * The aggregates take the images in the order of the sorted scan they read, a plain scan of one
   * pin's rows in its primary key: measured, four aggregates that each sorted their own input cost
   * a page of 25 pins a fifth of its time.
   */
  private static final String PIN_JOINS =
      """
      LEFT JOIN pins pp ON pp.shard = %s AND pp.id = p.parent_pin_id
      %s
      LEFT %s
      JOIN LATERAL (
        SELECT array_agg(pm.source_id) AS sources, array_agg(pm.title) AS titles,
               array_agg(pm.description) AS descriptions, array_agg(pm.link) AS links,
               array_agg(pm.source_state) AS source_states, array_agg(pm.sha256) AS sha256s,
               array_agg(pm.failure) AS failures
        FROM (SELECT pm.source_id, pm.title, pm.description, pm.link, %s
              FROM pin_media pm
              %s
              WHERE pm.shard = p.shard AND pm.pin_id = p.id
              ORDER BY pm.position) pm) items ON true
      """
          .formatted(
              Ids.shardSql("p.parent_pin_id"),
              BoardSql.leftJoinBoard("pp", "pb"),
              AccountSql.joinAccount(Ids.shardSql("p.pinner_id"), "p.pinner_id", "pn"),
              SourceRef.COLUMNS,
              SourceRef.joinSource("pm"));

  /**
   * A pin with its board's privacy and its owner's name: one statement reads a pin or a page of an
   * owner's pins.
   */
  private static final String SELECT =
      "SELECT "
          + PIN_COLUMNS
          + ", a.username, b.privacy, "
          + BoardSql.access("b")
          + " FROM pins p\n"
          + BoardSql.joinBoard("p")
          + "\n"
          + AccountSql.joinOwner("p")
          + "\n"
          + PIN_JOINS;

  // A board and a page of its pins in one statement. The board's row (its owner's name and its
  // privacy, which every pin on it shares: a pin is its board owner's) is read once, not for each
  // pin; no pin row means an empty page, no row at all a board that is gone. The page is cut from
  // the board's index before anything is joined to it: joined first, the planner (which cannot see
  // that a board belongs to one shard and so expects a handful of pins on it) was seen to join all
  // of a big board's pins and sort them, 200 ms for a page 1,500 pins deep.
  private static final String BOARD_PAGE =
      """
      WITH board AS (%s)
      SELECT board.*, page.*
      FROM board
      LEFT JOIN LATERAL (
        SELECT %s
        FROM (SELECT * FROM pins
              WHERE shard = $1 AND board_id = $2 AND id < $3
                AND (cardinality($4::text[]) = 0 OR creative_type = ANY($4))
              ORDER BY id DESC LIMIT $5) p
        %s) page ON true
      ORDER BY page.id DESC
      """
          .formatted(BoardSql.boardGuard("$1", "$2"), PIN_COLUMNS, PIN_JOINS);

  /** A board's pins in the manual order arranged, newest first until then. */
  static final ManualOrder BOARD_ORDER =
      new ManualOrder("pins", "board_id", "board_position", true);

  /** A section's pins in the manual order arranged, newest first until then. */
  static final ManualOrder SECTION_ORDER =
      new ManualOrder("pins", "section_id", "section_position", true);

  /**
   * A page of the pins of one group of {@code order} (a board's or a section's) in manual order:
   * cut from the order's index (one range scan, after the sort key $3 and id $4 of the last pin
   * served, leaving out pins placed by a transaction that the walk's snapshot $5 does not see, of
   * the creative types $6, all when none) before anything is joined to it.
   */
  private static String inOrder(ManualOrder order, String group) {
    return """
        SELECT %s, a.username, b.privacy, %s, p.sort_number::text AS sort_key
        FROM (SELECT *, %s AS sort_number FROM pins
              WHERE shard = $1 AND %s = $2 AND (%s, id) > ($3::text::numeric, $4)
                AND %s
                AND (cardinality($6::text[]) = 0 OR creative_type = ANY($6))
              ORDER BY %s, id LIMIT $7) p
        %s
        %s
        %s
        ORDER BY p.sort_number, p.id
        """
        .formatted(
            PIN_COLUMNS,
            BoardSql.access("b"),
            order.key(""),
            group,
            order.key(""),
            ManualOrder.shown("", 5),
            order.key(""),
            BoardSql.joinBoard("p"),
            AccountSql.joinOwner("p"),
            PIN_JOINS);
  }

  private static final String BOARD_IN_ORDER = inOrder(BOARD_ORDER, "board_id");
  private static final String SECTION_IN_ORDER = inOrder(SECTION_ORDER, "section_id");

  /**
   * A page of a board's pins ({@code section} false) or a section's in manual order, of the given
   * creative types (all when none), after the sort key and id of the last pin served, leaving out
   * pins placed by a transaction that {@code snapshot} (null: none) does not see.
   */
  List<ManualOrder.Ranked<PinRow>> listInOrder(
      Sql sql,
      boolean section,
      long groupId,
      Set<CreativeType> creativeTypes,
      String afterKey,
      long afterId,
      @Nullable String snapshot,
      int limit) {
    return sql.list(
        section ? SECTION_IN_ORDER : BOARD_IN_ORDER,
        r -> new ManualOrder.Ranked<>(row(r), r.getString("sort_key")),
        Ids.shardOf(groupId),
        groupId,
        afterKey,
        afterId,
        snapshot,
        names(creativeTypes),
        limit);
  }

  /** The save's statement, with what a save sets going ({@link PinFanOut#saveStatementPart}). */
  private final String insertSave;

  PinRepository(PinFanOut fanOut) {
    this.insertSave = INSERT_SAVE.formatted(fanOut.saveStatementPart());
  }

  void insert(Sql sql, Pin pin) {
    short shard = Ids.shardOf(pin.id());
    sql.update(
        """
        INSERT INTO pins (shard, id, owner_id, board_id, section_id, title, description, link,
                          alt_text, dominant_color, parent_pin_id, creative_type, created_at,
                          collage_id, pinner_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        """,
        withPinner(columns(pin), pin));
    short position = 0;
    for (Pin.Item item : pin.items()) {
      sql.update(
          """
          INSERT INTO pin_media (shard, pin_id, position, source_id, title, description, link)
          VALUES ($1, $2, $3, $4, $5, $6, $7)
          """,
          shard,
          pin.id(),
          position++,
          item.sourceId(),
          nullIfEmpty(item.title()),
          nullIfEmpty(item.description()),
          nullIfEmpty(item.link()));
    }
  }

  // The target board's check takes the access policy's answer as $17. The entries lock rows in
  // the order of platform.db's lock order, each joining the one before: the account's row
  // (locked_owner), then the board's (board), then the new pin and its image rows; the account's
  // count is then bumped on a row this statement already holds. (Entries that no other entry
  // reads run in no order one may rely on, so the order is carried by the joins.)
  private static final String INSERT_SAVE =
      """
          WITH source AS (SELECT 1 FROM pins WHERE shard = $15 AND id = $16),
          target AS (%s),
          locked_owner AS (%s),
          board AS (%s),
          new_pin AS (
            INSERT INTO pins (shard, id, owner_id, board_id, section_id, title, description,
                              link, alt_text, dominant_color, parent_pin_id, creative_type,
                              created_at, collage_id, pinner_id)
            SELECT $1::smallint, $2::bigint, $3::bigint, $4::bigint, $5::bigint, $6::text,
                   $7::text, $8::text, $9::text, $10::text, $11::bigint, $12::text,
                   $13::timestamptz, $14::bigint, $18::bigint
            FROM board
            RETURNING shard, id, owner_id, board_id),
          activity AS (%s),
          items AS (
            INSERT INTO pin_media (shard, pin_id, position, source_id, title, description, link)
            SELECT n.shard, n.id, pm.position, pm.source_id, pm.title, pm.description, pm.link
            FROM new_pin n, pin_media pm
            WHERE pm.shard = $15 AND pm.pin_id = $16),
          account AS (%s),
          fan_out AS (%%s)
          SELECT t.privacy, t.username FROM new_pin, target t
          """
          .formatted(
              BoardSql.pinTarget("$1", "$4", "$3", "$5", 17),
              AccountSql.lockOwner(
                  Ids.shardSql("$3::bigint"),
                  "$3",
                  "EXISTS (SELECT 1 FROM source) AND EXISTS (SELECT 1 FROM target)"),
              BoardSql.countNewPin("locked_owner", "$1", "$4", "$3"),
              BoardSql.recordPinAdded("new_pin", "$19", "coalesce($18, $3)"),
              AccountSql.COUNT_NEW_PIN);

  /**
   * Saves a pin in one statement, so one round trip and its own transaction: the new pin, copies of
   * the source pin's image rows (sharing their media sources, no bytes copied), and the board's and
   * the owner's pin counts, which this write path keeps together for speed, and, on a public board,
   * what a new pin sets going ({@link PinFanOut#saveStatementPart}). The target board is checked in
   * the same statement: it must be the pin owner's, public unless {@code secretAllowed}, and hold
   * the section if one is given. Nothing is written when the source pin is gone or the board does
   * not qualify; answers the board's privacy and its owner's username when the save happened.
   */
  Optional<SavedTo> insertSave(
      Sql sql, Pin pin, long sourcePinId, boolean secretAllowed, long activityId) {
    Object[] args = withSource(columns(pin), sourcePinId, secretAllowed);
    Object[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = pin.pinnerId() == 0 ? null : pin.pinnerId();
    all[args.length + 1] = activityId;
    return sql.one(
        insertSave, row -> new SavedTo(!"PUBLIC".equals(row.getString(0)), row.getString(1)), all);
  }

  /**
   * What a save learned of the board it saved to.
   *
   * @param secret whether the board is not public
   * @param ownerUsername the board owner's username
   */
  record SavedTo(boolean secret, String ownerUsername) {}

  /** The pins of {@code ids} that exist, in no particular order, read in one statement. */
  List<PinRow> findAll(Sql sql, List<Long> ids) {
    return sql.list(
        SELECT
            + "WHERE (p.shard, p.id) IN (SELECT %s, w FROM unnest($1::bigint[]) w)"
                .formatted(Ids.shardSql("w")),
        PinRepository::row,
        (Object) ids.toArray(Long[]::new));
  }

  /**
   * Where the pins of {@code ids} that exist stand, in no particular order, read in one statement:
   * what a change of many pins checks and counts, without their texts and images.
   */
  List<Placed> findPlaced(Sql sql, List<Long> ids) {
    return sql.list(
        """
        SELECT p.id, p.owner_id, p.board_id, p.section_id, p.pinner_id, b.privacy, %s
        FROM pins p
        %s
        WHERE (p.shard, p.id) IN (SELECT %s, w FROM unnest($1::bigint[]) w)
        """
            .formatted(BoardSql.access("b"), BoardSql.joinBoard("p"), Ids.shardSql("w")),
        row -> {
          Long section = row.getLong("section_id");
          Long pinner = row.getLong("pinner_id");
          long ownerId = row.getLong("owner_id");
          return new Placed(
              row.getLong("id"),
              ownerId,
              row.getLong("board_id"),
              section == null ? 0 : section,
              !"PUBLIC".equals(row.getString("privacy")),
              BoardSql.archived(row),
              BoardSql.members(row),
              pinner == null ? ownerId : pinner);
        },
        (Object) ids.toArray(Long[]::new));
  }

  /**
   * Where a pin stands.
   *
   * @param id the pin
   * @param ownerId the owner of its board
   * @param boardId its board
   * @param sectionId its section, 0 for none
   * @param onSecretBoard whether its board is not public
   * @param onArchivedBoard whether its board is archived
   * @param boardMembers who besides its owner holds a role on its board
   * @param authorId who put it there
   */
  record Placed(
      long id,
      long ownerId,
      long boardId,
      long sectionId,
      boolean onSecretBoard,
      boolean onArchivedBoard,
      Members boardMembers,
      long authorId) {}

  /**
   * Moves pins of one shard onto the board {@code boardId} in one statement: into the section
   * {@code sectionId} when it is not 0; else a pin that stays on its board keeps its section and
   * one that changes board leaves its section behind. A pin that arrives on a board or in a section
   * takes its default place in that list's manual order.
   */
  int moveAll(Sql sql, short shard, List<Long> ids, long boardId, long sectionId) {
    return sql.update(
        """
        UPDATE pins
        SET board_id = $3,
            section_id = CASE WHEN $4::bigint IS NOT NULL THEN $4
                              WHEN board_id = $3 THEN section_id END,
            -- A pin arriving on a board or in a section takes its default place there (manual
            -- order's keys are per list); SET reads the row as it was.
            board_position = CASE WHEN board_id = $3 THEN board_position END,
            section_position =
              CASE WHEN board_id = $3 AND section_id IS NOT DISTINCT FROM coalesce($4, section_id)
                   THEN section_position END
        WHERE shard = $1 AND id = ANY($2::bigint[])
        """,
        shard,
        ids.toArray(Long[]::new),
        boardId,
        sectionId == 0 ? null : sectionId);
  }

  /** Deletes pins of one shard in one statement; their image rows go with them. */
  int deleteAll(Sql sql, short shard, List<Long> ids) {
    return sql.update(
        "DELETE FROM pins WHERE shard = $1 AND id = ANY($2::bigint[])",
        shard,
        (Object) ids.toArray(Long[]::new));
  }

  // The pairs of a new pin's id and its source's ($4, $5); sources may live on any shard, which
  // their ids carry. The image rows are copied by the same statement (the foreign key to the new
  // pins is checked at its end, when they exist), sharing the sources' media rows.
  private static final String INSERT_COPIES =
      """
      WITH pair AS (
        SELECT * FROM unnest($4::bigint[], $5::bigint[]) AS pair(id, source_id)),
      new_pins AS (
        INSERT INTO pins (shard, id, owner_id, board_id, section_id, title, description, link,
                          alt_text, dominant_color, parent_pin_id, creative_type, created_at,
                          collage_id, pinner_id)
        SELECT $1, pair.id, $2, $3, $6, s.title, s.description, s.link, s.alt_text,
               s.dominant_color, s.id, s.creative_type, $7, s.collage_id, $8
        FROM pair JOIN pins s ON s.shard = %1$s AND s.id = pair.source_id
        RETURNING id),
      items AS (
        INSERT INTO pin_media (shard, pin_id, position, source_id, title, description, link)
        SELECT $1, pair.id, pm.position, pm.source_id, pm.title, pm.description, pm.link
        FROM pair JOIN pin_media pm ON pm.shard = %1$s AND pm.pin_id = pair.source_id)
      SELECT count(*)::int FROM new_pins
      """
          .formatted(Ids.shardSql("pair.source_id"));

  /**
   * Saves pins onto the board {@code boardId} of {@code ownerId} in one statement, as {@link
   * #insertSave} saves one, put there by {@code pinnerId} (0 for the owner): each new pin (of
   * {@code newIds}) a copy of its source (of {@code sourceIds}, in the same order) whose parent it
   * is, sharing its images. Answers how many pins it wrote (fewer when a source is gone).
   */
  int insertCopies(
      Sql sql,
      long ownerId,
      long boardId,
      long sectionId,
      List<Long> newIds,
      List<Long> sourceIds,
      Instant createdAt,
      long pinnerId) {
    return sql.one(
            INSERT_COPIES,
            row -> row.getInteger(0),
            Ids.shardOf(boardId),
            ownerId,
            boardId,
            newIds.toArray(Long[]::new),
            sourceIds.toArray(Long[]::new),
            sectionId == 0 ? null : sectionId,
            createdAt.atOffset(ZoneOffset.UTC),
            pinnerId == 0 ? null : pinnerId)
        .orElse(0);
  }

  Optional<PinRow> find(Sql sql, long id) {
    return sql.one(
        SELECT + "WHERE p.shard = $1 AND p.id = $2", PinRepository::row, Ids.shardOf(id), id);
  }

  /**
   * A board as the access policy needs to know it and a page of its pins, most recently saved
   * first, before {@code beforeId}; empty when the board is gone.
   */
  Optional<BoardPage> listByBoard(
      Sql sql, long boardId, Set<CreativeType> creativeTypes, long beforeId, int limit) {
    List<PinRow> pins = new ArrayList<>(limit);
    BoardGuard[] board = new BoardGuard[1];
    sql.list(
        BOARD_PAGE,
        row -> {
          if (board[0] == null) {
            board[0] = BoardSql.guard(row);
          }
          if (row.getLong("id") != null) {
            pins.add(row(row, board[0]));
          }
          return row;
        },
        Ids.shardOf(boardId),
        boardId,
        beforeId,
        names(creativeTypes),
        limit);
    return board[0] == null ? Optional.empty() : Optional.of(new BoardPage(board[0], pins));
  }

  /**
   * A board and a page of its pins.
   *
   * @param board the board as read with the page
   * @param pins the page's pins
   */
  record BoardPage(BoardGuard board, List<PinRow> pins) {}

  /** A page of a section's pins, most recently saved first, before {@code beforeId}. */
  List<PinRow> listBySection(Sql sql, long sectionId, long beforeId, int limit) {
    return sql.list(
        SELECT
            + """
                WHERE p.shard = $1 AND p.section_id = $2 AND p.id < $3
                ORDER BY p.id DESC LIMIT $4
                """,
        PinRepository::row,
        Ids.shardOf(sectionId),
        sectionId,
        beforeId,
        limit);
  }

  // Pins on secret boards only where the access policy's answer, $4, says so. The page is cut from
  // one range of pins_by_owner on each shard that holds the owner's boards (its own, and those of
  // boards handed to it), merged by id, before anything else is joined.
  private static final String LIST_BY_OWNER =
      SELECT
          + """
          WHERE (p.shard, p.id) IN (
              SELECT o.shard, o.id FROM (%s) owner_shards
              CROSS JOIN LATERAL (
                SELECT p.shard, p.id FROM pins p
                %s
                WHERE p.shard = owner_shards.shard AND p.owner_id = $2 AND p.id < $3
                  AND %s
                  AND ($5::boolean IS NULL OR (p.parent_pin_id IS NOT NULL) = $5)
                  AND (cardinality($6::text[]) = 0 OR p.creative_type = ANY($6))
                ORDER BY p.id DESC LIMIT $7) o)
          ORDER BY p.id DESC LIMIT $7
          """
              .formatted(
                  BoardSql.shardsOfOwner("$1", "$2"),
                  BoardSql.joinBoard("p"),
                  AccessSql.BOARD_SHOWN.formatted(4));

  /** A page of an owner's pins, newest first, of the given creative types (all when none). */
  List<PinRow> listByOwner(
      Sql sql,
      long ownerId,
      boolean includeSecret,
      SavesFilter saves,
      Set<CreativeType> creativeTypes,
      long beforeId,
      int limit) {
    // $5: null for every pin, else whether the pins shown are saves.
    Boolean saved =
        switch (saves) {
          case ALL -> null;
          case SAVES_ONLY -> Boolean.TRUE;
          case NATIVE_ONLY -> Boolean.FALSE;
        };
    return sql.list(
        LIST_BY_OWNER,
        PinRepository::row,
        Ids.shardOf(ownerId),
        ownerId,
        beforeId,
        includeSecret,
        saved,
        names(creativeTypes),
        limit);
  }

  /** Creative types as the {@code creative_type} column spells them. */
  private static String[] names(Set<CreativeType> types) {
    return types.stream().map(Enum::name).toArray(String[]::new);
  }

  void update(
      Sql sql,
      long id,
      long boardId,
      long sectionId,
      String title,
      String description,
      String link,
      String altText,
      Arrival arrival) {
    // A pin that arrives on a board or in a section takes the key its id gives there (NULL), and
    // the stamp of this transaction, so that a walk of that list in progress does not show it
    // twice.
    sql.update(
        """
        UPDATE pins SET board_id = $3, section_id = $4, title = $5, description = $6, link = $7,
                        alt_text = $8,
                        board_position = CASE WHEN $9 THEN NULL ELSE board_position END,
                        section_position = CASE WHEN $10 THEN NULL ELSE section_position END,
                        positioned_version = CASE WHEN $9 OR $10 THEN %s
                                                  ELSE positioned_version END
        WHERE shard = $1 AND id = $2
        """
            .formatted(ManualOrder.STAMP),
        Ids.shardOf(id),
        id,
        boardId,
        sectionId == 0 ? null : sectionId,
        nullIfEmpty(title),
        nullIfEmpty(description),
        nullIfEmpty(link),
        nullIfEmpty(altText),
        arrival.onBoard(),
        arrival.inSection());
  }

  /**
   * Whether an edit of a pin brings it onto another board or into another section.
   *
   * @param onBoard whether it arrives on another board
   * @param inSection whether it arrives in another section (or leaves its section)
   */
  record Arrival(boolean onBoard, boolean inSection) {

    /** An edit that leaves the pin where it is. */
    static final Arrival NONE = new Arrival(false, false);
  }

  boolean delete(Sql sql, long id) {
    return sql.update("DELETE FROM pins WHERE shard = $1 AND id = $2", Ids.shardOf(id), id) > 0;
  }

  private static PinRow row(Row row) {
    return row(
        row,
        new BoardGuard(
            row.getLong("owner_id"),
            !"PUBLIC".equals(row.getString("privacy")),
            row.getString("username"),
            BoardSql.archived(row),
            BoardSql.members(row)));
  }

  /** A pin of a row of {@link #PIN_COLUMNS}, on that board. */
  private static PinRow row(Row row, BoardGuard board) {
    Long pinner = row.getLong("pinner_id");
    Long section = row.getLong("section_id");
    Long parent = row.getLong("parent_pin_id");
    Long parentOwner = row.getLong("parent_owner_id");
    Long collage = row.getLong("collage_id");
    Long[] sources = row.getArrayOfLongs("sources");
    List<Pin.Item> items;
    List<SourceRef> refs;
    if (sources == null) {
      items = List.of();
      refs = List.of();
    } else {
      String[] titles = row.getArrayOfStrings("titles");
      String[] descriptions = row.getArrayOfStrings("descriptions");
      String[] links = row.getArrayOfStrings("links");
      String[] states = row.getArrayOfStrings("source_states");
      String[] sha256s = row.getArrayOfStrings("sha256s");
      String[] failures = row.getArrayOfStrings("failures");
      items = new ArrayList<>(sources.length);
      refs = new ArrayList<>(sources.length);
      for (int i = 0; i < sources.length; i++) {
        items.add(
            new Pin.Item(
                sources[i],
                emptyIfNull(titles[i]),
                emptyIfNull(descriptions[i]),
                emptyIfNull(links[i])));
        refs.add(SourceRef.of(sources[i], states[i], sha256s[i], failures[i]));
      }
    }
    return new PinRow(
        new Pin(
            row.getLong("id"),
            row.getLong("owner_id"),
            board.ownerUsername(),
            row.getLong("board_id"),
            board.secret(),
            section == null ? 0 : section,
            emptyIfNull(row.getString("title")),
            emptyIfNull(row.getString("description")),
            emptyIfNull(row.getString("link")),
            emptyIfNull(row.getString("alt_text")),
            emptyIfNull(row.getString("dominant_color")),
            parent == null ? 0 : parent,
            Pin.parentAs(
                parentOwner == null ? 0 : parentOwner,
                parentOwner != null && !"PUBLIC".equals(row.getString("parent_privacy"))),
            CreativeType.valueOf(row.getString("creative_type")),
            row.getOffsetDateTime("created_at").toInstant(),
            collage == null ? 0 : collage,
            List.copyOf(items),
            pinner == null ? 0 : pinner,
            emptyIfNull(row.getString("pinner_username")),
            board.archived(),
            board.members()),
        List.copyOf(refs));
  }

  /** The values of a pin's row, in the column order of {@code INSERT INTO pins}. */
  private static Object[] columns(Pin pin) {
    return new Object[] {
      Ids.shardOf(pin.id()),
      pin.id(),
      pin.ownerId(),
      pin.boardId(),
      pin.sectionId() == 0 ? null : pin.sectionId(),
      nullIfEmpty(pin.title()),
      nullIfEmpty(pin.description()),
      nullIfEmpty(pin.link()),
      nullIfEmpty(pin.altText()),
      nullIfEmpty(pin.dominantColor()),
      pin.parentPinId() == 0 ? null : pin.parentPinId(),
      pin.creativeType().name(),
      pin.createdAt().atOffset(ZoneOffset.UTC),
      pin.collageId() == 0 ? null : pin.collageId()
    };
  }

  /** The columns of a pin's row and its pinner ({@code $15}), NULL when its board's owner. */
  private static Object[] withPinner(Object[] columns, Pin pin) {
    Object[] args = java.util.Arrays.copyOf(columns, columns.length + 1);
    args[columns.length] = pin.pinnerId() == 0 ? null : pin.pinnerId();
    return args;
  }

  private static Object[] withSource(Object[] columns, long sourcePinId, boolean secretAllowed) {
    Object[] args = java.util.Arrays.copyOf(columns, columns.length + 3);
    args[columns.length] = Ids.shardOf(sourcePinId);
    args[columns.length + 1] = sourcePinId;
    args[columns.length + 2] = secretAllowed;
    return args;
  }

  private static @Nullable String nullIfEmpty(@Nullable String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String emptyIfNull(@Nullable String value) {
    return value == null ? "" : value;
  }

  /**
   * A pin as read, with the sources of its images, which the media feature turns into their views.
   *
   * @param pin the pin with its items
   * @param sources the media source of each item, in the same order
   */
  record PinRow(Pin pin, List<SourceRef> sources) {}
}
