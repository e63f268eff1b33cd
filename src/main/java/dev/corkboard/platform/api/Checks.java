package dev.corkboard.platform.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks of input values that both the HTTP edge and the use cases apply, each failing with a
 * 400 whose message names the field and the rule broken.
 */
public final class Checks {

  private static final Pattern ID = Pattern.compile("\\d{1,19}");

  private Checks() {}

  /**
   * Parses an id sent in a body: a string of digits naming a positive 64-bit number, else 400
   * naming the field (a number too large for 64 bits included).
   */
  public static long parseId(String field, String value) {
    if (!ID.matcher(value).matches()) {
      throw new ApiException.InvalidInput(field + " must be a string of digits.");
    }
    try {
      long id = Long.parseLong(value);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Nineteen digits may still exceed a long; answered as below.
    }
    throw new ApiException.InvalidInput(field + " must be a string of digits.");
  }

  /**
   * The constant of {@code allowed} named {@code value}, else 400 naming the field and listing the
   * allowed names.
   */
  public static <E extends Enum<E>> E oneOf(String field, String value, E[] allowed) {
    for (E constant : allowed) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw new ApiException.InvalidInput(
        field
            + " must be one of "
            + Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(", "))
            + ".");
  }

  /** Checks that a value is an absolute http(s) URL of at most 2048 characters. */
  public static String checkHttpUrl(String field, String value) {
    if (value.length() > 2048) {
      throw new ApiException.InvalidInput(field + " must be at most 2048 characters.");
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // Answered as below.
    }
    throw new ApiException.InvalidInput(field + " must be an absolute http or https URL.");
  }

  /** Checks a string's length in characters (code points) with a message naming the field. */
  public static String checkLength(String field, String value, int min, int max) {
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      if (min > 0 && length == 0) {
        throw new ApiException.InvalidInput(field + " must not be empty.");
      }
      throw new ApiException.InvalidInput(
          field + " must be " + min + " to " + max + " characters long, not " + length + ".");
    }
    return value;
  }

  /** Fails with 400 unless the value holds something other than white space. */
  public static String checkNotBlank(String field, String value) {
    if (value.isBlank()) {
      throw new ApiException.InvalidInput(field + " must not be blank.");
    }
    return value;
  }

  /** A value fit to quote in an error message: control characters masked, at most 40 shown. */
  public static String clip(String value) {
    String printable = value.replaceAll("[\\p{Cntrl}]", "?");
    return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
  }
}
