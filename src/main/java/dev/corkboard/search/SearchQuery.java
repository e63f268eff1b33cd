package dev.corkboard.search;

import dev.corkboard.platform.api.ApiException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A search query as a client typed it, checked and cut into words: lower case letters and digits,
 * in the order typed, each of which a matching document must hold as a word or the start of one.
 *
 * @param words the query's words, at least one and at most {@link #MAX_WORDS}
 */
record SearchQuery(List<String> words) {

  /** The longest query a client may send, in characters. */
  static final int MAX_LENGTH = 200;

  /** The most words a query may hold. */
  static final int MAX_WORDS = 10;

  /** The shortest word in which one typo is tolerated. */
  static final int TYPO_MIN_LENGTH = 5;

  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

  SearchQuery {
    words = List.copyOf(words);
    if (words.isEmpty()) {
      throw new IllegalArgumentException("a query has words");
    }
  }

  /** The query in the parameter {@code field}: 400 naming the field and the rule broken. */
  static SearchQuery parse(String field, String text) {
    if (text.isBlank()) {
      throw new ApiException.InvalidInput(field + " must not be empty.");
    }
    if (text.length() > MAX_LENGTH) {
      throw new ApiException.InvalidInput(
          field + " must be at most " + MAX_LENGTH + " characters long.");
    }
    // One spelling of each accented letter, as the documents are written in the same form.
    String normal = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    Set<String> words = new LinkedHashSet<>();
    for (String word : SEPARATORS.split(normal)) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    if (words.isEmpty()) {
      throw new ApiException.InvalidInput(field + " must contain a letter or a digit.");
    }
    if (words.size() > MAX_WORDS) {
      throw new ApiException.InvalidInput(
          field + " must hold at most " + MAX_WORDS + " different words.");
    }
    return new SearchQuery(new ArrayList<>(words));
  }

  /** The words long enough for one typo to be forgiven. */
  List<String> typoWords() {
    return words.stream().filter(w -> w.codePointCount(0, w.length()) >= TYPO_MIN_LENGTH).toList();
  }

  /** The query's words joined by one space: the same query whatever separated them. */
  String key() {
    return String.join(" ", words);
  }

  /**
   * The text of a {@code to_tsquery} that matches documents holding every word, as a prefix of one
   * of their words or as one of the word's known {@code variants} (exactly), in a field of the
   * given weights ({@code "A"}, {@code "AB"}; empty for any field).
   */
  String tsquery(Map<String, List<String>> variants, String weights) {
    List<String> terms = new ArrayList<>();
    for (String word : words) {
      List<String> alternatives = new ArrayList<>();
      alternatives.add(quoted(word) + ":*" + weights);
      for (String variant : variants.getOrDefault(word, List.of())) {
        alternatives.add(quoted(variant) + (weights.isEmpty() ? "" : ":" + weights));
      }
      terms.add(
          alternatives.size() == 1
              ? alternatives.getFirst()
              : "(" + String.join(" | ", alternatives) + ")");
    }
    return String.join(" & ", terms);
  }

  /** A lexeme in {@code to_tsquery}'s quotes. */
  private static String quoted(String word) {
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  /**
   * Whether {@code candidate} is one typo away from {@code word}: one letter inserted, deleted or
   * replaced (Levenshtein distance 1), counted in code points.
   */
  static boolean oneTypoApart(String word, String candidate) {
    int[] a = word.codePoints().toArray();
    int[] b = candidate.codePoints().toArray();
    if (Math.abs(a.length - b.length) > 1 || word.equals(candidate)) {
      return false;
    }
    int i = 0;
    while (i < a.length && i < b.length && a[i] == b[i]) {
      i++;
    }
    // After the first difference, the rests must be equal once one letter is skipped or replaced.
    if (a.length == b.length) {
      return rest(a, i + 1, b, i + 1);
    }
    return a.length > b.length ? rest(a, i + 1, b, i) : rest(a, i, b, i + 1);
  }

  private static boolean rest(int[] a, int from, int[] b, int fromB) {
    if (a.length - from != b.length - fromB) {
      return false;
    }
    for (int k = 0; from + k < a.length; k++) {
      if (a[from + k] != b[fromB + k]) {
        return false;
      }
    }
    return true;
  }
}
