package dev.corkboard.platform.db;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** The crash test's figures, added up by its writers and audits, and what went wrong, in words. */
final class CrashTally {

  final AtomicInteger killsOfServer = new AtomicInteger();
  final AtomicInteger killsOfServerAndDatabase = new AtomicInteger();
  final AtomicInteger acknowledged = new AtomicInteger();
  final AtomicInteger unanswered = new AtomicInteger();
  final AtomicInteger verified = new AtomicInteger();
  final AtomicInteger lost = new AtomicInteger();
  final AtomicInteger unexpectedObjects = new AtomicInteger();
  final AtomicInteger countMismatches = new AtomicInteger();
  final AtomicInteger jobsLost = new AtomicInteger();
  final AtomicInteger jobsDuplicated = new AtomicInteger();
  final AtomicInteger serverErrors = new AtomicInteger();
  final AtomicInteger refusals = new AtomicInteger();
  private final Map<String, AtomicInteger> acknowledgedByKind = new ConcurrentHashMap<>();
  private final Queue<String> findings = new ConcurrentLinkedQueue<>();

  /** Counts one acknowledged write of a kind, such as {@code move pin}. */
  void acknowledged(String kind) {
    acknowledged.incrementAndGet();
    acknowledgedByKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
  }

  /** Counts one defect of a kind and says what it was. */
  void found(AtomicInteger kind, String what) {
    kind.incrementAndGet();
    findings.add(what);
  }

  /** Counts {@code n} lost writes and says which. */
  void lost(int n, String what) {
    lost.addAndGet(n);
    findings.add(what);
  }

  /** What went wrong, in the order it was found. */
  List<String> findings() {
    return List.copyOf(findings);
  }

  /** The one line the test prints. */
  String summary(long seed, long seconds) {
    return String.format(
        "crash durability: kills %d (server only %d, server and PostgreSQL %d), writes acknowledged"
            + " %d %s, verified %d, lost %d, unanswered %d; unexpected objects %d, count mismatches"
            + " %d, media jobs lost %d, duplicated %d; 5xx %d, other refusals %d; seed %d, %d s",
        killsOfServer.get() + killsOfServerAndDatabase.get(),
        killsOfServer.get(),
        killsOfServerAndDatabase.get(),
        acknowledged.get(),
        new TreeMap<>(acknowledgedByKind),
        verified.get(),
        lost.get(),
        unanswered.get(),
        unexpectedObjects.get(),
        countMismatches.get(),
        jobsLost.get(),
        jobsDuplicated.get(),
        serverErrors.get(),
        refusals.get(),
        seed,
        seconds);
  }
}
