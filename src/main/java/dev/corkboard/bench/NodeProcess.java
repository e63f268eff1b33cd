package dev.corkboard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@code corkboard serve} process of this JVM's own java and class path, its output appended to
 * files, that can be stopped, killed, frozen and thawed by signal.
 */
public final class NodeProcess {

  private static final String LISTENING = "listening on ";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(1);

  /**
   * How to start a server process.
   *
   * @param dataDir its data directory
   * @param port the port to listen on at 127.0.0.1, 0 for a free one
   * @param jvmOptions options of its JVM, after the ones every Corkboard JVM needs
   * @param serveOptions further options of {@code serve}
   * @param environment variables to set in its environment
   * @param out the file its standard output is appended to, where it says that it listens
   * @param log the file its standard error, its log, is appended to
   */
  public record Launch(
      Path dataDir,
      int port,
      List<String> jvmOptions,
      List<String> serveOptions,
      Map<String, String> environment,
      Path out,
      Path log) {

    public Launch {
      jvmOptions = List.copyOf(jvmOptions);
      serveOptions = List.copyOf(serveOptions);
      environment = Map.copyOf(environment);
    }

    /** The same launch on another port. */
    public Launch onPort(int other) {
      return new Launch(dataDir, other, jvmOptions, serveOptions, environment, out, log);
    }

    /** The command line of the process. */
    List<String> command() {
      List<String> command = new ArrayList<>();
      command.add(
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      command.add("--sun-misc-unsafe-memory-access=allow");
      command.add("--enable-native-access=ALL-UNNAMED");
      command.addAll(jvmOptions);
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              "dev.corkboard.Main",
              "serve",
              "--host",
              "127.0.0.1",
              "--port",
              Integer.toString(port),
              "--data-dir",
              dataDir.toString()));
      // The benchmark measures the server, not its limits: its load would be answered 429.
      if (!serveOptions.contains("--rate-limits")) {
        command.addAll(List.of("--rate-limits", "off"));
      }
      command.addAll(serveOptions);
      return command;
    }
  }

  private final Process process;
  private final Launch launch;
  private final String baseUrl;

  private NodeProcess(Process process, Launch launch, String baseUrl) {
    this.process = process;
    this.launch = launch;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts the process and waits until it says it listens.
   *
   * @throws IllegalStateException with the end of its log when it exits first or takes longer than
   *     two minutes (it is killed then)
   */
  public static NodeProcess start(Launch launch) {
    try {
      Files.createDirectories(launch.out().toAbsolutePath().getParent());
      Files.createDirectories(launch.log().toAbsolutePath().getParent());
      // Only what this start prints counts: the files keep the output of earlier starts.
      long from = Files.exists(launch.out()) ? Files.size(launch.out()) : 0;
      ProcessBuilder builder = new ProcessBuilder(launch.command());
      builder.environment().putAll(launch.environment());
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(launch.out().toFile()));
      builder.redirectError(ProcessBuilder.Redirect.appendTo(launch.log().toFile()));
      builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      Process process = builder.start();
      try {
        return new NodeProcess(process, launch, awaitListening(process, launch, from));
      } catch (IOException | RuntimeException e) {
        process.destroyForcibly();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String awaitListening(Process process, Launch launch, long from)
      throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> url = listeningUrl(launch.out(), from);
      if (url.isPresent()) {
        return url.get();
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "corkboard serve exited with "
                + process.exitValue()
                + " before listening:\n"
                + tail(launch.log()));
      }
      pause(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "corkboard serve did not listen within " + START_TIMEOUT + ":\n" + tail(launch.log()));
  }

  private static Optional<String> listeningUrl(Path out, long from) throws IOException {
    try (FileChannel channel = FileChannel.open(out, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size <= from) {
        return Optional.empty();
      }
      java.nio.ByteBuffer bytes =
          java.nio.ByteBuffer.allocate((int) Math.min(size - from, 1 << 20));
      channel.read(bytes, from);
      String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
      return text.lines()
          .filter(line -> line.startsWith(LISTENING))
          .map(line -> line.substring(LISTENING.length()).trim())
          .findFirst();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** How it was started. */
  public Launch launch() {
    return launch;
  }

  /** Where it answers, for example {@code http://127.0.0.1:41234}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The port it listens on. */
  public int port() {
    return URI.create(baseUrl).getPort();
  }

  /** Its process id. */
  public long pid() {
    return process.pid();
  }

  /** Its process. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Whether it still runs (a frozen process runs). */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGTERM, the clean shutdown (requests in flight finish), after SIGCONT if it is frozen; waits
   * for the exit and answers its code.
   *
   * @throws IllegalStateException when it has not exited within a minute (it is killed then)
   */
  public int stop() {
    if (process.isAlive()) {
      thaw();
      process.destroy();
    }
    return awaitExit();
  }

  /** SIGKILL, as a crash: waits until it is gone. */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /**
   * SIGSTOP: it stops wherever it is, its connections open and unanswered, as a process that hangs
   * in a long pause; waits until the operating system reports it stopped.
   */
  public void freeze() {
    signal("STOP");
    awaitState(true);
  }

  /** SIGCONT: a frozen process carries on; waits until it runs again. */
  public void thaw() {
    if (process.isAlive() && isFrozen()) {
      signal("CONT");
      awaitState(false);
    }
  }

  /** Whether it is stopped by a signal (Linux; elsewhere never). */
  public boolean isFrozen() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // "pid (command) S ...": the state follows the command, which may itself hold parentheses.
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state == 'T' || state == 't';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The last lines it logged, for failure messages. */
  public String logTail() {
    return tail(launch.log());
  }

  private void signal(String name) {
    if (!process.isAlive()) {
      throw new IllegalStateException("corkboard serve (pid " + pid() + ") is not running");
    }
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("no kill command to send SIG" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitState(boolean frozen) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (process.isAlive() && isFrozen() != frozen) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "corkboard serve (pid " + pid() + ") did not " + (frozen ? "stop" : "continue"));
      }
      pause(5);
    }
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        throw new IllegalStateException(
            "corkboard serve (pid " + pid() + ") did not exit within " + EXIT_TIMEOUT);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last 30 lines of a file, for failure messages. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
