package dev.corkboard.platform.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How many requests a caller may send per window, by rate-limit category: the categories of
 * Pinterest's spec ({@code org_read}, {@code org_write}, ...), {@code object_write} (one caller's
 * writes to one object), {@code auth} (sign-up and password checks per client address), {@code
 * auth_user} (password checks per username) and {@code auth_client} (the OAuth token endpoint per
 * client id).
 *
 * @param enabled whether requests are limited at all
 * @param window how long an allowance lasts before it is given anew
 * @param limits the allowance per window, by category
 */
public record RateLimits(boolean enabled, Duration window, Map<String, Integer> limits) {

  /** The variable that sets the limits, in the form {@link #parse} reads. */
  public static final String VARIABLE = "CORKBOARD_RATE_LIMITS";

  public RateLimits {
    if (window.toSeconds() < 1) {
      throw new IllegalArgumentException("rate-limit window must be at least 1 second");
    }
    limits = Map.copyOf(limits);
    for (Map.Entry<String, Integer> limit : limits.entrySet()) {
      if (limit.getValue() < 1) {
        throw new IllegalArgumentException(
            "rate limit " + limit.getKey() + " must be at least 1, not " + limit.getValue());
      }
    }
  }

  /** Pinterest's published figures per minute where it gives them, and strict ones for sign-in. */
  public static RateLimits defaults() {
    Map<String, Integer> limits = new LinkedHashMap<>();
    limits.put("org_read", 1000);
    limits.put("org_write", 1000);
    limits.put("ads_read", 1000);
    limits.put("object_write", 60);
    limits.put("auth", 30);
    limits.put("auth_user", 10);
    limits.put("auth_client", 1000);
    return new RateLimits(true, Duration.ofMinutes(1), limits);
  }

  /** No limits. */
  public static RateLimits off() {
    return new RateLimits(false, Duration.ofMinutes(1), Map.of());
  }

  /**
   * Reads {@code off}, {@code on} (the defaults) or the defaults changed by a comma-separated list
   * such as {@code window=60,org_read=500,auth=10} (the window in seconds).
   *
   * @throws IllegalArgumentException naming the entry that is malformed
   */
  public static RateLimits parse(String text) {
    String trimmed = text.strip();
    if (trimmed.equals("off")) {
      return off();
    }
    RateLimits defaults = defaults();
    if (trimmed.isEmpty() || trimmed.equals("on")) {
      return defaults;
    }
    Map<String, Integer> limits = new LinkedHashMap<>(defaults.limits());
    Duration window = defaults.window();
    for (String entry : trimmed.split(",")) {
      String[] parts = entry.strip().split("=", 2);
      if (parts.length != 2 || !parts[1].strip().matches("\\d{1,9}")) {
        throw new IllegalArgumentException(
            "rate limits: '"
                + entry.strip()
                + "' must be category=number, for example org_read=500");
      }
      String name = parts[0].strip();
      int value = Integer.parseInt(parts[1].strip());
      if (name.equals("window")) {
        window = Duration.ofSeconds(value);
      } else {
        limits.put(name, value);
      }
    }
    return new RateLimits(true, window, limits);
  }

  /** The allowance per window of a category, if it has one. */
  public Optional<Integer> limit(String category) {
    return Optional.ofNullable(limits.get(category));
  }
}
