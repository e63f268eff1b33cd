package dev.corkboard.platform.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Makes and checks the opaque bookmarks of keyset pagination. A bookmark names its list and the
 * sort key of the last item served, and is signed with a key shared by every server process, so an
 * altered bookmark, or one taken from another list, is refused with 400.
 */
public final class Bookmarks {

  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  public Bookmarks(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("bookmark secret must have at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** The bookmark that continues {@code list} after the item whose sort key is {@code cursor}. */
  public String encode(String list, String cursor) {
    byte[] payload = cursor.getBytes(StandardCharsets.UTF_8);
    byte[] mac = mac(list, payload);
    byte[] token = new byte[payload.length + MAC_BYTES];
    System.arraycopy(payload, 0, token, 0, payload.length);
    System.arraycopy(mac, 0, token, payload.length, MAC_BYTES);
    return ENCODER.encodeToString(token);
  }

  /**
   * The cursor inside a bookmark of {@code list}; empty for the first page, 400 for a bookmark that
   * was altered or made for another list.
   */
  public Optional<String> decode(String list, Optional<String> bookmark) {
    if (bookmark.isEmpty()) {
      return Optional.empty();
    }
    byte[] token;
    try {
      token = DECODER.decode(bookmark.get());
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (token.length <= MAC_BYTES) {
      throw invalid();
    }
    byte[] payload = Arrays.copyOf(token, token.length - MAC_BYTES);
    byte[] given = Arrays.copyOfRange(token, payload.length, token.length);
    byte[] expected = Arrays.copyOf(mac(list, payload), MAC_BYTES);
    if (!MessageDigest.isEqual(given, expected)) {
      throw invalid();
    }
    return Optional.of(new String(payload, StandardCharsets.UTF_8));
  }

  /** Decodes a bookmark whose cursor is one 64-bit number, as most id-ordered lists use. */
  public Optional<Long> decodeLong(String list, Optional<String> bookmark) {
    Optional<String> cursor = decode(list, bookmark);
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(cursor.get()));
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  /**
   * Decodes a bookmark whose cursor is two 64-bit numbers, as lists ordered by a pair of ids use
   * (written {@code "first:second"}).
   */
  public Optional<long[]> decodeLongPair(String list, Optional<String> bookmark) {
    Optional<String> cursor = decode(list, bookmark);
    if (cursor.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = cursor.get().split(":", -1);
    try {
      if (parts.length != 2) {
        throw invalid();
      }
      return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
    } catch (NumberFormatException e) {
      throw invalid();
    }
  }

  /**
   * Cuts a fetch of {@code size + 1} rows into a page, with a bookmark when the extra row shows
   * that another page exists.
   */
  public <T> Page<T> page(String list, List<T> fetched, int size, Function<T, String> cursorOf) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, Optional.empty());
    }
    List<T> items = fetched.subList(0, size);
    return new Page<>(items, Optional.of(encode(list, cursorOf.apply(items.getLast()))));
  }

  /**
   * Reads rows of a list ordered by id: {@code limit} rows after {@code cursor}, the id of the last
   * row served (or the list's start).
   */
  @FunctionalInterface
  public interface Fetch<T> {
    List<T> rows(long cursor, int limit);
  }

  /**
   * A page of a list in descending id order: decodes the bookmark, fetches one row more than the
   * page holds, and bookmarks the last id served when another page exists.
   */
  public <T> Page<T> newestFirst(
      String list, PageRequest page, Fetch<T> fetch, ToLongFunction<T> idOf) {
    return keyset(list, page, Long.MAX_VALUE, fetch, idOf);
  }

  /** A page of a list in ascending id order, as {@link #newestFirst} pages a descending one. */
  public <T> Page<T> oldestFirst(
      String list, PageRequest page, Fetch<T> fetch, ToLongFunction<T> idOf) {
    return keyset(list, page, 0L, fetch, idOf);
  }

  private <T> Page<T> keyset(
      String list, PageRequest page, long start, Fetch<T> fetch, ToLongFunction<T> idOf) {
    long cursor = decodeLong(list, page.bookmark()).orElse(start);
    return page(
        list,
        fetch.rows(cursor, page.size() + 1),
        page.size(),
        row -> Long.toString(idOf.applyAsLong(row)));
  }

  /**
   * Reads rows of a list in manual order: {@code limit} rows after the sort key {@code key} and id
   * {@code id} of the last row served (the start: key {@code -Infinity}), leaving out rows whose
   * key was written by a transaction that {@code snapshot}, the one the walk's first page saw, does
   * not see (null on the first page, which leaves out nothing).
   */
  @FunctionalInterface
  public interface OrderFetch<T> {
    List<T> rows(String key, long id, @Nullable String snapshot, int limit);
  }

  /** A snapshot as PostgreSQL spells it: {@code xmin:xmax:} and the transactions in progress. */
  private static final Pattern SNAPSHOT = Pattern.compile("[0-9]{1,20}:[0-9]{1,20}:[0-9,]*");

  /** The order count that bookmarks of the earlier form carry instead of a snapshot. */
  private static final Pattern ORDER_COUNT = Pattern.compile("[0-9]{1,20}");

  /**
   * A page of a list in manual order, ordered by (sort key, id). The first page takes a database
   * snapshot from {@code snapshot} before it reads, and every bookmark of the walk carries it: a
   * row moved by a transaction that snapshot does not see is left out of the later pages, so a walk
   * never shows a row twice, though it may miss a row moved while it walked. Every other row keeps
   * the key it had when the walk began and is shown exactly once. A bookmark of the earlier form
   * (key, id and an order count) goes on from a snapshot taken now.
   */
  public <T> Page<T> manualOrder(
      String list,
      PageRequest page,
      Supplier<String> snapshot,
      OrderFetch<T> fetch,
      Function<T, String> keyOf,
      ToLongFunction<T> idOf) {
    Optional<String> cursor = decode(list, page.bookmark());
    String key = "-Infinity";
    long id = 0;
    @Nullable String shown = null;
    String walk;
    if (cursor.isPresent()) {
      String[] parts = cursor.get().split(":", 3);
      try {
        if (parts.length != 3) {
          throw invalid();
        }
        key = new BigInteger(parts[0]).toString();
        id = Long.parseLong(parts[1]);
      } catch (NumberFormatException e) {
        throw invalid();
      }
      if (SNAPSHOT.matcher(parts[2]).matches()) {
        walk = parts[2];
      } else if (ORDER_COUNT.matcher(parts[2]).matches()) {
        walk = snapshot.get();
      } else {
        throw invalid();
      }
      shown = walk;
    } else {
      walk = snapshot.get();
    }
    String seen = walk;
    return page(
        list,
        fetch.rows(key, id, shown, page.size() + 1),
        page.size(),
        row -> keyOf.apply(row) + ":" + idOf.applyAsLong(row) + ":" + seen);
  }

  private byte[] mac(String list, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(list.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(payload);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static ApiException invalid() {
    return new ApiException.InvalidInput(
        "bookmark is not valid for this list; pass back the bookmark of the previous page as"
            + " returned.");
  }
}
