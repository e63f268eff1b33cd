package dev.corkboard.platform.db;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs prepared statements, blocking the calling virtual thread until the answer arrives. Both the
 * {@link Database} (each statement on its own) and a transaction implement it, so a repository
 * method works in either. A null argument binds SQL NULL.
 */
public interface Sql {

  /** Runs one prepared statement with positional parameters {@code $1, $2, ...}. */
  RowSet<Row> query(String sql, @Nullable Object... args);

  /** Runs a statement that answers at most one row and maps it. */
  default <T> Optional<T> one(String sql, Function<Row, T> mapper, @Nullable Object... args) {
    RowSet<Row> rows = query(sql, args);
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
  }

  /** Runs a statement and maps every row, in order. */
  default <T> List<T> list(String sql, Function<Row, T> mapper, @Nullable Object... args) {
    RowSet<Row> rows = query(sql, args);
    List<T> result = new ArrayList<>(rows.size());
    for (Row row : rows) {
      result.add(mapper.apply(row));
    }
    return result;
  }

  /** Runs a statement and answers the number of rows it changed. */
  default int update(String sql, @Nullable Object... args) {
    return query(sql, args).rowCount();
  }
}
