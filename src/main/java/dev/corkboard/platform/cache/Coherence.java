package dev.corkboard.platform.cache;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.db.Database;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the read caches of every server on one database coherent: no read that starts after a
 * write's response shows what the write replaced, on any server. Leases as Gray and Cheriton
 * describe them for file caches (1989), over PostgreSQL's own tables and {@code LISTEN}/{@code
 * NOTIFY}.
 *
 * <h2>The protocol</h2>
 *
 * <ul>
 *   <li>A caching server listens on {@value #CHANNEL}, then inserts a row into {@code cache_nodes}:
 *       its lease, {@value #LEASE_MILLIS} ms long, which it extends every quarter of that on the
 *       same connection. It serves from memory only while its lease runs by its own clock, counted
 *       from when it sent the statement that set it, less a tenth for clock drift: so it stops
 *       serving before the lease expires in the database.
 *   <li>A write invalidates its keys locally, then sends them with {@code NOTIFY} and waits until
 *       every other node with a lease has acknowledged them (each applies them, then answers on the
 *       writer's own channel), or until that node's lease has expired in the database. An expired
 *       lease is never extended: a node that missed a lease renewal starts again as a new node with
 *       empty caches.
 *   <li>Which nodes hold leases, a writer learns from the renewals, which read them; a view older
 *       than {@link #VIEW_MAX_AGE_NANOS} is read again before a write relies on it. A new node
 *       stores and serves nothing for {@link #JOIN_NANOS} (longer than that age) after its lease
 *       was granted, so a write it is not waited for committed before any read it keeps began.
 *   <li>A node whose connection drops stops serving at once and joins again as a new node; a writer
 *       whose connection dropped sends its pending invalidations again, since acknowledgements
 *       meant for it were lost.
 * </ul>
 *
 * A node frozen or cut off holds writers up for at most one lease time. A node killed between a
 * write's commit and its announcement never answered that write; entries live a minute at most,
 * which bounds what other nodes keep of what it replaced. Every server holds a lease, also one with
 * the read cache off: it still remembers what tokens grant.
 */
public final class Coherence implements ReadCaches.Peers, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Coherence.class);

  /** The channel invalidations are announced on. */
  static final String CHANNEL = "corkboard_cache";

  /** How long a lease runs from the statement that sets it. */
  static final long LEASE_MILLIS = 2_000;

  private static final long LEASE_NANOS = TimeUnit.MILLISECONDS.toNanos(LEASE_MILLIS);
  private static final long RENEW_MILLIS = LEASE_MILLIS / 4;

  /** How old a writer's view of the leaseholders may be (from when its statement was sent). */
  private static final long VIEW_MAX_AGE_NANOS = LEASE_NANOS / 2;

  /** How long a new node waits before it stores or serves: longer than any view writers rely on. */
  private static final long JOIN_NANOS = VIEW_MAX_AGE_NANOS + LEASE_NANOS / 8;

  /** What a node trusts of its lease by its own clock: nine tenths, against clock drift. */
  private static final long TRUSTED_LEASE_NANOS = LEASE_NANOS * 9 / 10;

  /** How long a write waits at most; only a node that renews its lease but never answers. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(LEASE_MILLIS);

  /** NOTIFY's payload limit is 8000 bytes; beyond this, a clear of everything is sent instead. */
  private static final int MAX_MESSAGE = 7_000;

  /**
   * Extends this node's lease unless it has expired, and answers every node holding a lease now.
   * The outer query reads the table as it was before the update, which changes nothing about who
   * holds a lease.
   */
  private static final String RENEW =
      """
      WITH renewed AS (
        UPDATE cache_nodes SET expires_at = now() + $2::float8 * interval '1 millisecond'
         WHERE node = $1 AND expires_at > now()
        RETURNING node)
      SELECT node, node IN (SELECT node FROM renewed) AS mine
        FROM cache_nodes
       WHERE expires_at > now()
      """;

  /**
   * Grants a new lease; forgets this server's previous node ($2), whose caches were emptied, and
   * leases that expired a while ago.
   */
  private static final String JOIN =
      """
      WITH gone AS (
        DELETE FROM cache_nodes
         WHERE node = $2 OR expires_at < now() - interval '1 minute')
      INSERT INTO cache_nodes (expires_at)
      VALUES (now() + $1::float8 * interval '1 millisecond')
      RETURNING node
      """;

  private static final String LEASEHOLDERS =
      "SELECT node FROM cache_nodes WHERE expires_at > now()";

  /** Which of the nodes still hold a lease, and for how many milliseconds more. */
  private static final String STILL_LEASED =
      """
      SELECT node, extract(epoch FROM expires_at - now()) * 1000 AS left_ms
        FROM cache_nodes
       WHERE node = ANY($1::bigint[]) AND expires_at > now()
      """;

  private static final String SEND_ACKS =
      "SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS t(c, p)";

  private final Database database;
  private final ReadCaches caches;
  private final String key = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
  private final String ackChannel = "corkboard_cache_ack_" + key;
  private final ScheduledExecutorService executor;
  private final AtomicLong sequence = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

  /** Acknowledgements to send, by the channel of the writer they answer. */
  private final Map<String, List<Long>> acks = new HashMap<>();

  private volatile Database.@Nullable Session session;

  /** How many sessions were opened; a writer sends again after a new one. */
  private final AtomicLong sessions = new AtomicLong();

  /** This server's node while it holds a lease, else 0. */
  private volatile long node;

  private volatile long servingFrom;
  private volatile long servingUntil;
  private volatile View view = new View(Long.MIN_VALUE, Set.of());

  private Coherence(Database database, ReadCaches caches) {
    this.database = database;
    this.caches = caches;
    long now = System.nanoTime();
    this.servingFrom = now;
    this.servingUntil = now;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "cache-coherence");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Joins the servers on {@code database}. The first connection is made before this returns, so a
   * database that cannot be reached fails the start.
   */
  public static Coherence start(Database database, ReadCaches caches) {
    Coherence coherence = new Coherence(database, caches);
    caches.connect(coherence);
    try {
      coherence.executor.submit(coherence::open).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      coherence.close();
      throw new IllegalStateException("could not join the read caches of other servers", e);
    }
    ScheduledFuture<?> _ =
        coherence.executor.scheduleWithFixedDelay(
            coherence::tick, RENEW_MILLIS, RENEW_MILLIS, TimeUnit.MILLISECONDS);
    return coherence;
  }

  @Override
  public boolean serving() {
    long now = System.nanoTime();
    return now - servingFrom >= 0 && servingUntil - now > 0;
  }

  /** This server's node while it holds a lease, else 0. */
  public long node() {
    return node;
  }

  /**
   * Sends {@code message} to every other node with a lease and waits until each has applied it or
   * lost its lease.
   */
  @Override
  public void publish(String message) {
    View seen = view;
    if (System.nanoTime() - seen.sentAt() > VIEW_MAX_AGE_NANOS) {
      long sent = System.nanoTime();
      seen = new View(sent, Set.copyOf(database.list(LEASEHOLDERS, r -> r.getLong(0))));
    }
    Set<Long> others = new HashSet<>(seen.nodes());
    others.remove(node);
    if (others.isEmpty()) {
      return;
    }
    long seq = sequence.incrementAndGet();
    String payload =
        key + " " + seq + " " + (message.length() > MAX_MESSAGE ? ReadCaches.EVERYTHING : message);
    Pending wait = new Pending(others);
    pending.put(seq, wait);
    try {
      long sentOn = sessions.get();
      database.query("SELECT pg_notify($1, $2)", CHANNEL, payload);
      long giveUp = System.nanoTime() + MAX_WAIT.toNanos();
      long checkIn = Math.min(100, LEASE_MILLIS);
      while (!wait.await(checkIn)) {
        if (sessions.get() != sentOn) {
          // Acknowledgements sent while this server's connection was down were lost.
          sentOn = sessions.get();
          database.query("SELECT pg_notify($1, $2)", CHANNEL, payload);
        }
        long longest = 0;
        Set<Long> leased = new HashSet<>();
        for (Row row : database.query(STILL_LEASED, (Object) wait.awaited().toArray(Long[]::new))) {
          leased.add(row.getLong(0));
          longest = Math.max(longest, (long) Math.ceil(row.getDouble(1)));
        }
        if (wait.retain(leased)) {
          return;
        }
        if (System.nanoTime() - giveUp > 0) {
          LOG.error("nodes {} hold leases but did not acknowledge an invalidation", leased);
          throw new ApiException.Unavailable(
              "The change was made, but not every server confirmed it yet; read it again.");
        }
        checkIn = Math.min(longest + 1, LEASE_MILLIS);
      }
    } finally {
      pending.remove(seq);
    }
  }

  /** Opens the session and joins; on a failure, leaves it for the next tick to try again. */
  private void open() {
    try {
      long opening = sessions.get() + 1;
      Database.Session opened = database.session(this::heard, () -> dropped(opening));
      session = opened;
      opened.query(STATEMENT_TIMEOUT, "LISTEN \"" + ackChannel + "\"");
      opened.query(STATEMENT_TIMEOUT, "LISTEN " + CHANNEL);
      join(opened);
      sessions.set(opening);
    } catch (RuntimeException e) {
      LOG.warn("could not connect the read caches to the other servers; trying again", e);
      lost();
    }
  }

  /** Starts as a new node: empty caches, a new lease, nothing stored or served for a while. */
  private void join(Database.Session on) {
    long previous = node;
    node = 0;
    servingUntil = System.nanoTime();
    caches.clearLocally();
    long sent = System.nanoTime();
    long granted =
        on.query(STATEMENT_TIMEOUT, JOIN, (double) LEASE_MILLIS, previous)
            .iterator()
            .next()
            .getLong(0);
    long received = System.nanoTime();
    node = granted;
    servingFrom = received + JOIN_NANOS;
    servingUntil = sent + TRUSTED_LEASE_NANOS;
    renew(on);
    LOG.info("read caches joined as node {}", granted);
  }

  /** Extends the lease and learns who else holds one; joins again if the lease had expired. */
  private void renew(Database.Session on) {
    long sent = System.nanoTime();
    Set<Long> nodes = new HashSet<>();
    boolean renewed = false;
    for (Row row : on.query(STATEMENT_TIMEOUT, RENEW, node, (double) LEASE_MILLIS)) {
      nodes.add(row.getLong(0));
      renewed |= row.getBoolean(1);
    }
    if (!renewed) {
      LOG.warn("the read caches' lease of node {} expired; joining again", node);
      join(on);
      return;
    }
    servingUntil = sent + TRUSTED_LEASE_NANOS;
    view = new View(sent, Set.copyOf(nodes));
  }

  private void tick() {
    Database.Session current = session;
    if (current == null) {
      open();
      return;
    }
    try {
      renew(current);
    } catch (RuntimeException e) {
      LOG.warn("the read caches lost their connection to the other servers; reconnecting", e);
      lost();
    }
  }

  /** Stops serving and closes the session; the next tick opens a new one. */
  private void lost() {
    servingUntil = System.nanoTime();
    Database.Session current = session;
    session = null;
    if (current != null) {
      current.close();
    }
  }

  /** Session {@code which} dropped: if it is the current one, stop serving and reconnect. */
  private void dropped(long which) {
    if (which != sessions.get()) {
      return;
    }
    servingUntil = System.nanoTime();
    if (executor.isShutdown()) {
      return;
    }
    executor.execute(
        () -> {
          if (session != null && which == sessions.get()) {
            LOG.warn("the read caches' connection to the other servers dropped; reconnecting");
            lost();
          }
        });
  }

  /** A notification, on a client thread: apply an invalidation and queue its acknowledgement. */
  private void heard(String channel, String payload) {
    String[] parts = payload.split(" ", 3);
    try {
      if (channel.equals(CHANNEL)) {
        if (parts.length != 3 || parts[0].equals(key)) {
          return;
        }
        caches.apply(parts[2]);
        synchronized (acks) {
          acks.computeIfAbsent("corkboard_cache_ack_" + parts[0], c -> new ArrayList<>())
              .add(Long.parseLong(parts[1]));
        }
        executor.execute(this::sendAcks);
      } else if (channel.equals(ackChannel) && parts.length == 2) {
        long from = Long.parseLong(parts[0]);
        for (String seq : parts[1].split(",")) {
          Pending wait = pending.get(Long.parseLong(seq));
          if (wait != null) {
            wait.acknowledged(from);
          }
        }
      }
    } catch (RuntimeException e) {
      // Not what this version sends: forget everything rather than risk keeping what it named.
      LOG.warn("unreadable notification on {}: {}", channel, payload, e);
      caches.clearLocally();
    }
  }

  /** Sends the queued acknowledgements in one statement, each writer's in one notification. */
  private void sendAcks() {
    List<String> channels = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    synchronized (acks) {
      if (acks.isEmpty()) {
        return;
      }
      long from = node;
      acks.forEach(
          (channel, seqs) -> {
            StringBuilder payload = new StringBuilder().append(from).append(' ');
            for (int i = 0; i < seqs.size(); i++) {
              payload.append(i == 0 ? "" : ",").append(seqs.get(i));
            }
            channels.add(channel);
            payloads.add(payload.toString());
          });
      acks.clear();
    }
    Database.Session current = session;
    if (current == null) {
      return;
    }
    try {
      current.query(
          STATEMENT_TIMEOUT,
          SEND_ACKS,
          channels.toArray(String[]::new),
          payloads.toArray(String[]::new));
    } catch (RuntimeException e) {
      LOG.warn("could not acknowledge invalidations; reconnecting", e);
      lost();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    servingUntil = System.nanoTime();
    Database.Session current = session;
    session = null;
    if (current != null) {
      long leftBehind = node;
      try {
        current.query(STATEMENT_TIMEOUT, "DELETE FROM cache_nodes WHERE node = $1", leftBehind);
      } catch (RuntimeException e) {
        LOG.debug("could not give up the read caches' lease; it expires by itself", e);
      }
      current.close();
    }
  }

  /** The nodes holding leases, as a statement sent at {@code sentAt} (nanoTime) saw them. */
  private record View(long sentAt, Set<Long> nodes) {}

  /** The nodes a published invalidation still waits for. */
  private static final class Pending {
    private final Set<Long> awaited;

    Pending(Set<Long> awaited) {
      this.awaited = new HashSet<>(awaited);
    }

    synchronized void acknowledged(long from) {
      if (awaited.remove(from) && awaited.isEmpty()) {
        notifyAll();
      }
    }

    /** Keeps only the nodes still leased; answers whether none is left. */
    synchronized boolean retain(Set<Long> leased) {
      awaited.retainAll(leased);
      return awaited.isEmpty();
    }

    synchronized Set<Long> awaited() {
      return Set.copyOf(awaited);
    }

    /** Waits up to {@code millis} for every acknowledgement; answers whether all arrived. */
    synchronized boolean await(long millis) {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
      try {
        while (!awaited.isEmpty()) {
          long left = until - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for other servers", e);
      }
    }
  }
}
