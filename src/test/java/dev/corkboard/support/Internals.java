package dev.corkboard.support;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What would betray the implementation if an answer carried it: stack traces, SQL, the names of
 * Java classes and of the libraries underneath.
 */
public final class Internals {

  private static final List<String> MARKERS =
      List.of(
          "SQL",
          "Exception",
          "at dev.",
          "org.postgresql",
          "io.vertx",
          "java.",
          "jdk.",
          "\tat ",
          "Caused by");

  /** Library names in any case, and a class name: package segments, then a capitalised name. */
  private static final Pattern NAMES =
      Pattern.compile(
          "(?i:helidon|jackson|stack ?trace)"
              + "|\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_$]*");

  private Internals() {}

  /** The first internal thing in the text, if there is one. */
  public static Optional<Found> find(String text) {
    Found first = null;
    for (String marker : MARKERS) {
      int at = text.indexOf(marker);
      if (at >= 0 && (first == null || at < first.at())) {
        first = new Found(marker, at);
      }
    }
    Matcher names = NAMES.matcher(text);
    if (names.find() && (first == null || names.start() < first.at())) {
      first = new Found(names.group(), names.start());
    }
    return Optional.ofNullable(first);
  }

  /**
   * Something internal in a text.
   *
   * @param what the words found
   * @param at where they start
   */
  public record Found(String what, int at) {}
}
