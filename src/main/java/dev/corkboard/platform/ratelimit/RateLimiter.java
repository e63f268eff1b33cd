package dev.corkboard.platform.ratelimit;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Throttle;
import dev.corkboard.platform.config.RateLimits;
import dev.corkboard.platform.db.Sql;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's rate limits: a bucket per caller and category, whose allowance per window every
 * server on the database shares (see {@link Allowances}). Ended windows are swept once a minute.
 */
public final class RateLimiter implements Throttle, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

  private final RateLimits limits;
  private final Allowances allowances;
  private final AllowanceLeases leases;
  private final Clock clock;
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "rate-limit-sweep");
            thread.setDaemon(true);
            return thread;
          });

  public RateLimiter(RateLimits limits, Sql sql, Clock clock) {
    this.limits = limits;
    this.leases = new AllowanceLeases(sql);
    this.allowances = new Allowances(leases, clock, limits.window());
    this.clock = clock;
    if (limits.enabled()) {
      // Sweeping logs its own failures, so its future has nothing more to tell.
      ScheduledFuture<?> _ = sweeper.scheduleWithFixedDelay(this::sweep, 60, 60, TimeUnit.SECONDS);
    }
  }

  /**
   * Takes one request of the caller's allowance in the category; empty when the category has no
   * limit (or limits are off).
   */
  public Optional<Verdict> take(String category, String caller) {
    if (!limits.enabled()) {
      return Optional.empty();
    }
    return limits
        .limit(category)
        .map(
            limit -> {
              Allowances.Decision d = allowances.take(category + ":" + caller, limit);
              return new Verdict(d.allowed(), d.limit(), d.remaining(), d.resetSeconds());
            });
  }

  @Override
  public void require(String category, String caller) {
    Optional<Verdict> verdict = take(category, caller);
    if (verdict.isPresent() && !verdict.get().allowed()) {
      throw verdict.get().refusal();
    }
  }

  private void sweep() {
    try {
      allowances.forgetEnded();
      long window = limits.window().toSeconds();
      long current = Math.floorDiv(clock.millis() / 1000, window) * window;
      leases.sweep(current);
    } catch (RuntimeException e) {
      LOG.warn("rate-limit sweep failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }

  /**
   * The answer to one request.
   *
   * @param allowed whether it may go on
   * @param limit the allowance per window ({@code X-RateLimit-Limit})
   * @param remaining about how many more the window allows ({@code X-RateLimit-Remaining})
   * @param resetSeconds seconds until the window ends ({@code X-RateLimit-Reset}, {@code
   *     Retry-After})
   */
  public record Verdict(boolean allowed, int limit, int remaining, long resetSeconds) {

    /** The 429 that refuses the request. */
    public ApiException.RateLimited refusal() {
      return new ApiException.RateLimited(
          "Rate limit exceeded: at most "
              + limit
              + " requests of this kind per window; retry in "
              + resetSeconds
              + " s.",
          resetSeconds);
    }
  }
}
