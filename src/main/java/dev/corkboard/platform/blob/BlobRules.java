package dev.corkboard.platform.blob;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The rules every blob store applies to keys and content types, so that a key valid in one store is
 * valid in all of them.
 *
 * <p>A key is a relative path of one or more segments joined by {@code /}, at most 1,024 UTF-8
 * bytes long (S3's limit). A segment is not empty, starts with no {@code .} (which also rules out
 * {@code .} and {@code ..}, and leaves names starting with a dot free for a store's own files), is
 * at most 200 characters long, and holds no backslash, colon or control character.
 */
final class BlobRules {

  static final int MAX_KEY_BYTES = 1024;
  static final int MAX_SEGMENT_CHARS = 200;
  static final int MAX_CONTENT_TYPE_CHARS = 255;

  private BlobRules() {}

  /** Returns the key if it follows the rules, else throws an exception naming the rule broken. */
  static String requireValidKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw invalidKey(key, "must not be empty");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw invalidKey(key, "must be at most " + MAX_KEY_BYTES + " UTF-8 bytes long");
    }
    if (key.startsWith("/")) {
      throw invalidKey(key, "must be a relative path, not start with '/'");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\') {
        throw invalidKey(key, "must not contain a backslash");
      }
      if (c == ':') {
        throw invalidKey(key, "must not contain a colon");
      }
      if (Character.isISOControl(c)) {
        throw invalidKey(key, "must not contain control characters");
      }
    }
    // The limit -1 keeps trailing empty segments, so "a/" is caught too.
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw invalidKey(key, "must not have empty segments");
      }
      if (segment.startsWith(".")) {
        throw invalidKey(key, "must not have segments starting with '.' (such as '..')");
      }
      if (segment.length() > MAX_SEGMENT_CHARS) {
        throw invalidKey(key, "must not have segments longer than " + MAX_SEGMENT_CHARS);
      }
    }
    return key;
  }

  /** Returns the content type if it is one line of printable ASCII, else throws. */
  static String requireValidContentType(String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    if (contentType.isBlank() || contentType.length() > MAX_CONTENT_TYPE_CHARS) {
      throw new IllegalArgumentException(
          "content type must be 1 to " + MAX_CONTENT_TYPE_CHARS + " characters long");
    }
    for (int i = 0; i < contentType.length(); i++) {
      char c = contentType.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException(
            "content type must be printable ASCII without line breaks");
      }
    }
    return contentType;
  }

  private static IllegalArgumentException invalidKey(String key, String rule) {
    // Control characters are escaped so that a hostile key cannot forge log lines.
    return new IllegalArgumentException("blob key '" + printable(key) + "' is invalid: it " + rule);
  }

  private static String printable(String key) {
    StringBuilder out = new StringBuilder();
    key.codePoints()
        .limit(120)
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }
}
