package dev.corkboard.search;

import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.db.Database;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search documents current: once a write of a pin or a board committed, its document is
 * written in a transaction of its own, so the write never waits on the index, and the public search
 * pages it may change are forgotten on every server ({@link SearchPages}), so search finds the
 * change as soon as the write answers.
 */
public final class SearchIndex {

  private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

  private final Database database;
  private final SearchPages pages;
  private final SearchRepository search = new SearchRepository();

  public SearchIndex(Database database, ReadCaches caches) {
    this.database = database;
    this.pages = new SearchPages(caches);
  }

  /** The first pages of public search this index keeps from showing what its writes replaced. */
  SearchPages pages() {
    return pages;
  }

  /** Writes the document of a pin that was created, saved, edited or moved. */
  public void pinWritten(long pinId) {
    List<List<String>> documents;
    try {
      documents = database.transaction(tx -> search.upsertPin(tx, pinId));
    } catch (RuntimeException e) {
      // The pin's write committed and stays; only search lags until the pin is written again.
      LOG.warn("search document of pin {} not written: {}", pinId, e.getMessage());
      return;
    }
    pages.written(documents);
  }

  /** Writes the documents of pins that one write created or moved, in one transaction. */
  public void pinsWritten(List<Long> pinIds) {
    List<List<String>> documents;
    try {
      documents = database.transaction(tx -> search.upsertPins(tx, pinIds));
    } catch (RuntimeException e) {
      LOG.warn("search documents of {} pins not written: {}", pinIds.size(), e.getMessage());
      return;
    }
    pages.written(documents);
  }

  /** Writes the document of a board that was created or renamed, and of the pins on it. */
  public void boardWritten(long boardId) {
    List<List<String>> documents;
    try {
      documents = database.transaction(tx -> search.upsertBoard(tx, boardId));
    } catch (RuntimeException e) {
      LOG.warn("search document of board {} not written: {}", boardId, e.getMessage());
      return;
    }
    pages.written(documents);
  }
}
