package dev.corkboard.search;

import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.cache.ReadCache;
import dev.corkboard.platform.cache.ReadCaches;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The first pages of public pin search, held in memory on each server and forgotten on every server
 * by the words of the documents a write replaced and wrote (as result caches of search engines keep
 * the answers of frequent queries).
 *
 * <p>A write of pin documents announces, once they committed and before it answers, the words of
 * each document it replaced and of each it wrote ({@link #written}). Every server forgets the page
 * of every query the words of one such document match, as search matches them: each query word the
 * start of one of the document's words, or one typo from one for a word of five letters or more.
 * That is all a first page can change by: a pin can enter or leave a query's matches, or change
 * tier, only by a new document. The queries held are found by their words ({@link #byWord}), every
 * start of a document's word looked up once, and by the one-deletion variants of their long words
 * ({@link #byTypo}), so an announcement costs a few lookups a word, whatever the number of pages.
 *
 * <p>What changes a pin's visibility without a new document (a pin deleted, a board turned secret)
 * is found when the page is shown: the pins are read through the pin feature, coherent on every
 * server, and a page that lost one is read again ({@link SearchService}). A board's privacy change
 * empties every cache anyway. A write of more than {@link #MAX_DOCUMENTS} documents (a board's
 * rename rewrites those of all its pins), or of more words than {@link #MAX_CHARACTERS} name,
 * forgets every page instead of naming them.
 *
 * <p>A query is registered in the index before its page is read from the database, so a change
 * heard while the read is under way forgets the key and the page read is not stored ({@link
 * ReadCache#put}'s ticket); a query leaves the index only long after its page expired.
 */
final class SearchPages {

  /** The name the changes are announced under. */
  static final String CHANGES = "search_documents";

  /** The change that forgets every page. */
  private static final String EVERY_PAGE = "*";

  /** The most documents one announcement names; a write of more forgets every page. */
  static final int MAX_DOCUMENTS = 32;

  /**
   * The longest announcement, in characters, that names documents; a longer one forgets every page,
   * well inside what one {@code NOTIFY} carries (beyond which every cache would be emptied).
   */
  static final int MAX_CHARACTERS = 4_000;

  /** What the pages held weigh at most. */
  private static final long MAX_BYTES = 16L << 20;

  /**
   * How long a query stays in the index after its last read: longer than any page lives ({@code
   * ReadCache.MAX_AGE}) plus the longest read.
   */
  private static final long INDEXED_NANOS = TimeUnit.MINUTES.toNanos(3);

  /** How many registrations pass between two sweeps of the index. */
  private static final int SWEEP_EVERY = 4096;

  /**
   * A first page of a query.
   *
   * @param words the query's words, as {@link SearchQuery} cut them
   * @param size the page's size
   */
  record Key(List<String> words, int size) {}

  /**
   * A first page held: the ids found, and the page last shown of them, which its reader may serve
   * again while none of its pins changed.
   *
   * @param found the ids of the page's pins, with its bookmark
   * @param shown the page last made of them, if any
   */
  record Held(Page<Long> found, AtomicReference<SearchService.@Nullable Shown> shown) {}

  private final ReadCaches caches;
  private final ReadCache<Key, Held> pages;

  /** The queries in the index, with when each was last registered ({@link System#nanoTime}). */
  private final Map<Key, Long> known = new ConcurrentHashMap<>();

  /** The queries in the index by each of their words. */
  private final Map<String, Set<Key>> byWord = new ConcurrentHashMap<>();

  /** The queries by each of their typo-tolerant words and every one-deletion variant of those. */
  private final Map<String, Set<Key>> byTypo = new ConcurrentHashMap<>();

  private final AtomicInteger registrations = new AtomicInteger();

  SearchPages(ReadCaches caches) {
    this.caches = caches;
    this.pages =
        caches.create(
            "search_pages",
            MAX_BYTES,
            held ->
                128
                    + 48 * held.found().items().size()
                    + 2 * held.found().bookmark().orElse("").length(),
            SearchPages::unreadable);
    caches.listen(CHANGES, this::changed);
  }

  /**
   * The first page of {@code size} pins of {@code query}: the one held, or the one {@code read}
   * finds now, held from then on unless a change was heard meanwhile.
   */
  Held firstPage(SearchQuery query, int size, Supplier<Page<Long>> read) {
    if (!caches.enabled()) {
      return new Held(read.get(), new AtomicReference<>());
    }
    Key key = new Key(query.words(), size);
    Optional<Held> held = pages.get(key);
    if (held.isPresent()) {
      return held.get();
    }
    register(key);
    ReadCache.Ticket ticket = pages.ticket(key);
    Held found = new Held(read.get(), new AtomicReference<>());
    pages.put(key, ticket, found);
    return found;
  }

  /** Forgets, on this server, the page of a query found stale when shown. */
  void forget(SearchQuery query, int size) {
    pages.forgetHere(new Key(query.words(), size));
  }

  /**
   * Tells every server the words of the documents a write replaced and wrote ({@code documents},
   * one list of words each); returns once each has forgotten the pages they match.
   */
  void written(List<List<String>> documents) {
    List<String> changes = new ArrayList<>();
    int characters = 0;
    for (List<String> words : documents) {
      if (!words.isEmpty()) {
        String change = encode(words);
        changes.add(change);
        characters += CHANGES.length() + 2 + change.length();
      }
    }
    if (changes.size() > MAX_DOCUMENTS || characters > MAX_CHARACTERS) {
      forgetAll();
    } else {
      caches.announce(CHANGES, changes);
    }
  }

  /** Forgets every page on every server, for a write of too many documents to name. */
  private void forgetAll() {
    caches.announce(CHANGES, List.of(EVERY_PAGE));
  }

  /** Hears a change: forgets the page of every query it matches, here. */
  private boolean changed(String change) {
    if (change.equals(EVERY_PAGE)) {
      known.keySet().forEach(pages::forgetHere);
      return true;
    }
    List<String> words;
    try {
      words = decode(change);
    } catch (IllegalArgumentException e) {
      return false;
    }
    Set<Key> candidates = new HashSet<>();
    for (String word : words) {
      int[] letters = word.codePoints().toArray();
      for (int end = 1; end <= letters.length; end++) {
        addAll(candidates, byWord.get(new String(letters, 0, end)));
      }
      if (letters.length >= SearchQuery.TYPO_MIN_LENGTH - 1) {
        addAll(candidates, byTypo.get(word));
        for (String variant : deletions(letters)) {
          addAll(candidates, byTypo.get(variant));
        }
      }
    }
    for (Key key : candidates) {
      if (matches(key.words(), words)) {
        pages.forgetHere(key);
      }
    }
    return true;
  }

  /**
   * Whether a document of {@code words} matches the query {@code query} as search matches it: each
   * query word starts one of the words or, if long enough, is one typo from one.
   */
  static boolean matches(List<String> query, List<String> words) {
    for (String wanted : query) {
      boolean typos = wanted.codePointCount(0, wanted.length()) >= SearchQuery.TYPO_MIN_LENGTH;
      boolean found = false;
      for (String word : words) {
        if (word.startsWith(wanted) || (typos && SearchQuery.oneTypoApart(wanted, word))) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** Puts a query in the index (or marks it read again), sweeping the index now and then. */
  private void register(Key key) {
    known.compute(
        key,
        (k, since) -> {
          if (since == null) {
            for (String word : k.words()) {
              index(byWord, word, k, true);
              forTypos(word, variant -> index(byTypo, variant, k, true));
            }
          }
          return System.nanoTime();
        });
    if (registrations.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep();
    }
  }

  /**
   * Takes out of the index the queries not read for {@link #INDEXED_NANOS} whose page is no longer
   * held; each in one step with a registration of the same query, so neither undoes the other.
   */
  private void sweep() {
    long now = System.nanoTime();
    for (Key key : known.keySet()) {
      known.computeIfPresent(
          key,
          (k, since) -> {
            if (now - since < INDEXED_NANOS || pages.holds(k)) {
              return since;
            }
            for (String word : k.words()) {
              index(byWord, word, k, false);
              forTypos(word, variant -> index(byTypo, variant, k, false));
            }
            return null;
          });
    }
  }

  private static void index(Map<String, Set<Key>> index, String word, Key key, boolean add) {
    if (add) {
      index.computeIfAbsent(word, w -> ConcurrentHashMap.newKeySet()).add(key);
    } else {
      index.computeIfPresent(
          word,
          (w, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
          });
    }
  }

  /** Runs {@code each} on a typo-tolerant word and its one-deletion variants; nothing otherwise. */
  private static void forTypos(String word, Consumer<String> each) {
    int[] letters = word.codePoints().toArray();
    if (letters.length >= SearchQuery.TYPO_MIN_LENGTH) {
      each.accept(word);
      deletions(letters).forEach(each);
    }
  }

  /** The words made by deleting one letter of {@code letters}. */
  private static List<String> deletions(int[] letters) {
    List<String> variants = new ArrayList<>(letters.length);
    for (int skip = 0; skip < letters.length; skip++) {
      int[] variant = new int[letters.length - 1];
      System.arraycopy(letters, 0, variant, 0, skip);
      System.arraycopy(letters, skip + 1, variant, skip, letters.length - skip - 1);
      variants.add(new String(variant, 0, variant.length));
    }
    return variants;
  }

  private static void addAll(Set<Key> into, @Nullable Set<Key> keys) {
    if (keys != null) {
      into.addAll(keys);
    }
  }

  /** A document's words as one change: each escaped, joined by commas, no spaces. */
  static String encode(List<String> words) {
    StringBuilder change = new StringBuilder();
    for (String word : words) {
      change
          .append(change.isEmpty() ? "" : ",")
          .append(URLEncoder.encode(word, StandardCharsets.UTF_8));
    }
    return change.toString();
  }

  /** The words of a change, as {@link #encode} wrote them. */
  static List<String> decode(String change) {
    List<String> words = new ArrayList<>();
    for (String word : change.split(",")) {
      words.add(URLDecoder.decode(word, StandardCharsets.UTF_8));
    }
    return words;
  }

  /** Pages are forgotten by changes, never by a key another server names. */
  private static Key unreadable(String key) {
    throw new IllegalArgumentException("search pages are not forgotten by key: " + key);
  }
}
