package dev.corkboard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server running a cluster directory, found through the directory's {@code
 * postmaster.pid}, for tests that crash it or look into it.
 *
 * @param pid the postmaster's process id
 * @param port the TCP port it listens on
 */
public record Postmaster(long pid, int port) {

  /** The postmaster the directory's {@code postmaster.pid} names, while that file exists. */
  public static Optional<Postmaster> of(Path clusterDirectory) {
    List<String> lines;
    try {
      lines =
          Files.readAllLines(clusterDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Line 1 is the pid, line 4 the port (PostgreSQL's LOCK_FILE_LINE_PID and _PORT).
    if (lines.size() < 4 || lines.get(0).isBlank() || lines.get(3).isBlank()) {
      return Optional.empty(); // still being written by a starting postmaster
    }
    return Optional.of(
        new Postmaster(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim())));
  }

  /** Whether the process is still there (a zombie not yet reaped counts). */
  public boolean isAlive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Sends SIGKILL to the postmaster and every process it started, one right after the other, as an
   * out-of-memory kill of the whole group or a pulled plug would, and waits until all have died.
   * Their pids may still be taken by their zombies, until the init process reaps them.
   */
  public void killWithChildren() {
    // Only a PostgreSQL: once the postmaster is gone, its pid may name some other process.
    Optional<ProcessHandle> postmaster =
        ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").contains("postgres"));
    if (postmaster.isEmpty()) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster.get());
    postmaster.get().descendants().forEach(all::add);
    all.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle process : all) {
      while (process.isAlive() && !hasDied(process.pid())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("PostgreSQL process " + process.pid() + " did not die");
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** Waits until the postmaster's pid is free again: its zombie, if any, was reaped. */
  public void awaitReaped() {
    ProcessHandle.of(pid)
        .ifPresent(
            process -> {
              try {
                process.onExit().get(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException("process " + pid + " was not reaped", e);
              }
            });
  }

  /** Whether the process is a zombie: dead, its pid held until its parent reaps it (Linux). */
  private static boolean hasDied(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // "pid (command) S ...": the state follows the command, which may itself hold parentheses.
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'Z' || state == 'X';
    } catch (NoSuchFileException e) {
      return true;
    } catch (IOException | RuntimeException e) {
      return false; // no /proc to read: wait until the process is gone altogether
    }
  }
}
