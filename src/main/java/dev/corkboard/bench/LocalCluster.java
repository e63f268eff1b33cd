package dev.corkboard.bench;

import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.db.EmbeddedDatabase;
import dev.corkboard.platform.db.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production shape on one machine: a standalone PostgreSQL from the embedded binaries and any
 * number of {@code corkboard serve} processes on it that share one blob directory, for multi-node
 * tests and {@code corkboard bench --nodes}.
 */
public final class LocalCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

  /**
   * Where a cluster keeps its files and how its servers run.
   *
   * @param postgres the PostgreSQL cluster directory, made by initdb when empty
   * @param blobs the directory of media bytes that every node shares
   * @param nodes where each node gets its data directory {@code node-N} and its files {@code
   *     node-N.out} (standard output), {@code node-N.log} (its log) and {@code node-N.pid}
   * @param sharedBuffers PostgreSQL's page cache as a size such as {@code 128MB}; empty to size it
   *     by the machine's memory
   * @param jvmOptions the JVM options of every node
   */
  public record Settings(
      Path postgres,
      Path blobs,
      Path nodes,
      Optional<String> sharedBuffers,
      List<String> jvmOptions) {

    public Settings {
      postgres = postgres.toAbsolutePath().normalize();
      blobs = blobs.toAbsolutePath().normalize();
      nodes = nodes.toAbsolutePath().normalize();
      jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Everything in one directory: {@code postgres}, {@code blobs} and {@code nodes} in it, the
     * page cache sized by memory, the nodes' JVMs with their default options.
     */
    public static Settings in(Path directory) {
      return new Settings(
          directory.resolve("postgres"),
          directory.resolve("blobs"),
          directory.resolve("nodes"),
          Optional.empty(),
          List.of());
    }

    /** The same settings with another PostgreSQL page cache. */
    public Settings withSharedBuffers(String size) {
      return new Settings(postgres, blobs, nodes, Optional.of(size), jvmOptions);
    }

    /** The same settings with other JVM options for the nodes. */
    public Settings withJvmOptions(List<String> options) {
      return new Settings(postgres, blobs, nodes, sharedBuffers, options);
    }
  }

  private final Settings settings;
  private final EmbeddedDatabase database;
  private final List<Node> nodes = new ArrayList<>();
  private final Thread exitHook;
  private boolean closed;

  private LocalCluster(Settings settings, EmbeddedDatabase database) {
    this.settings = settings;
    this.database = database;
    // Should the JVM exit before close(), its servers and PostgreSQL must not outlive it.
    this.exitHook = new Thread(this::killAll, "local-cluster-exit");
    Runtime.getRuntime().addShutdownHook(exitHook);
  }

  /**
   * Starts PostgreSQL on a free loopback port with its cluster in {@link Settings#postgres} (one
   * left running there by a process that died is stopped first) and applies the schema migrations;
   * no node runs yet.
   */
  public static LocalCluster start(Settings settings) {
    EmbeddedDatabase database =
        EmbeddedDatabase.start(settings.postgres(), settings.sharedBuffers());
    try {
      Migrations.migrate(database.settings());
      return new LocalCluster(settings, database);
    } catch (RuntimeException | Error e) {
      database.close();
      throw e;
    }
  }

  /** How to connect to the cluster's PostgreSQL. */
  public ConnectionSettings database() {
    return database.settings();
  }

  /** The {@code postgresql://} URL of the cluster's PostgreSQL, as {@code --database-url} takes. */
  public String databaseUrl() {
    return database.settings().toString();
  }

  /** Where the cluster keeps its files. */
  public Settings settings() {
    return settings;
  }

  /**
   * Starts one more node with the further {@code serve} options (such as {@code --read-cache off};
   * not {@code --database-url}, {@code --blob-dir}, {@code --data-dir} or {@code --port}, which the
   * cluster gives) and waits until it listens.
   */
  public Node startNode(List<String> options) {
    return startNodes(1, options).getFirst();
  }

  /** Starts {@code count} more nodes side by side, each as {@link #startNode} does. */
  public List<Node> startNodes(int count, List<String> options) {
    List<String> names = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the cluster is closed");
      }
      for (int i = 0; i < count; i++) {
        names.add("node-" + (nodes.size() + names.size() + 1));
      }
    }
    List<Node> started = new ArrayList<>();
    try (ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<NodeProcess>> futures = new ArrayList<>();
      for (String name : names) {
        NodeProcess.Launch launch = launch(name, options);
        futures.add(starts.submit(() -> startProcess(name, launch)));
      }
      List<RuntimeException> failures = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        try {
          started.add(new Node(names.get(i), futures.get(i).get()));
        } catch (ExecutionException e) {
          failures.add(
              e.getCause() instanceof RuntimeException failure
                  ? failure
                  : new IllegalStateException(e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failures.add(new IllegalStateException(e));
        }
      }
      synchronized (this) {
        nodes.addAll(started); // the ones that did start, so that close() stops them
      }
      if (!failures.isEmpty()) {
        RuntimeException first = failures.getFirst();
        failures.stream().skip(1).forEach(first::addSuppressed);
        throw first;
      }
    }
    return started;
  }

  private NodeProcess.Launch launch(String name, List<String> options) {
    List<String> serve = new ArrayList<>(options);
    serve.addAll(
        List.of("--database-url", databaseUrl(), "--blob-dir", settings.blobs().toString()));
    return new NodeProcess.Launch(
        settings.nodes().resolve(name),
        0,
        settings.jvmOptions(),
        serve,
        Map.of(),
        settings.nodes().resolve(name + ".out"),
        settings.nodes().resolve(name + ".log"));
  }

  /** Starts a node's process after killing one left running by a JVM that died before close(). */
  private NodeProcess startProcess(String name, NodeProcess.Launch launch) {
    Path pidFile = settings.nodes().resolve(name + ".pid");
    killLeftover(pidFile, launch.dataDir());
    NodeProcess process = NodeProcess.start(launch);
    try {
      Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      process.kill();
      throw new UncheckedIOException(e);
    }
    return process;
  }

  private static void killLeftover(Path pidFile, Path dataDir) {
    long pid;
    try {
      pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      return; // no such file, or not one of ours
    }
    // Only the server of this data directory (node-1 not node-10, so with the space that follows
    // it): the pid may have been reused by any process since.
    String option = "--data-dir " + dataDir + " ";
    Optional<ProcessHandle> leftover =
        ProcessHandle.of(pid).filter(p -> p.info().commandLine().orElse("").contains(option));
    if (leftover.isPresent()) {
      LOG.warn("killing corkboard serve (pid {}) left running on {}", pid, dataDir);
      leftover.get().destroyForcibly();
      leftover.get().onExit().join();
    }
  }

  /** Every node started so far, in order, whatever state it is in. */
  public synchronized List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** The base URLs of the nodes that run. */
  public List<String> baseUrls() {
    return nodes().stream().filter(Node::isAlive).map(Node::baseUrl).toList();
  }

  /**
   * Stops every node (SIGTERM, a frozen one thawed first; SIGKILL for one that does not exit within
   * a minute), then PostgreSQL; also after nodes were killed. The cluster's files stay.
   */
  @Override
  public void close() {
    List<Node> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = List.copyOf(nodes);
    }
    try (ExecutorService stops = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Node node : all) {
        // Each stop handles its own failure, so its future has nothing more to tell.
        Future<?> _ =
            stops.submit(
                () -> {
                  try {
                    node.stop();
                  } catch (RuntimeException e) {
                    LOG.warn("{} did not stop cleanly: {}", node.name(), e.getMessage());
                    node.kill();
                  }
                });
      }
    }
    database.close();
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException e) {
      // the JVM is exiting already; the hook finds nothing left to do
    }
  }

  /** At JVM exit without close(): SIGKILL to every node, then PostgreSQL's fast shutdown. */
  private void killAll() {
    List<Node> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = List.copyOf(nodes);
    }
    all.forEach(Node::kill);
    database.close();
  }

  /** One {@code corkboard serve} process of the cluster, kept under its name across restarts. */
  public final class Node {

    private final String name;
    private volatile NodeProcess process;

    private Node(String name, NodeProcess process) {
      this.name = name;
      this.process = process;
    }

    /** Its name in the cluster, {@code node-N}. */
    public String name() {
      return name;
    }

    /** Its own data directory. */
    public Path dataDir() {
      return process.launch().dataDir();
    }

    /** The file it logs to, across restarts. */
    public Path log() {
      return process.launch().log();
    }

    /** Where it answers, for example {@code http://127.0.0.1:41234}; the same after a restart. */
    public String baseUrl() {
      return process.baseUrl();
    }

    /** Its current process id. */
    public long pid() {
      return process.pid();
    }

    /** Its current process. */
    public ProcessHandle process() {
      return process.handle();
    }

    /** Whether its process runs (a frozen one runs). */
    public boolean isAlive() {
      return process.isAlive();
    }

    /** Whether it is frozen by {@link #freeze}. */
    public boolean isFrozen() {
      return process.isFrozen();
    }

    /** SIGTERM and wait for the exit (see {@link NodeProcess#stop}); answers the exit code. */
    public int stop() {
      return process.stop();
    }

    /** SIGKILL, as a crash; waits until the process is gone. */
    public void kill() {
      process.kill();
    }

    /** SIGSTOP: it hangs with its connections open; waits until it is stopped. */
    public void freeze() {
      process.freeze();
    }

    /** SIGCONT: a frozen node carries on; waits until it runs. */
    public void thaw() {
      process.thaw();
    }

    /**
     * Stops it if it runs (SIGTERM), then starts it again on the same data directory, options and
     * port, and waits until it listens.
     */
    public synchronized void restart() {
      synchronized (LocalCluster.this) {
        if (closed) {
          throw new IllegalStateException("the cluster is closed");
        }
      }
      NodeProcess old = process;
      if (old.isAlive()) {
        old.stop();
      }
      process = startProcess(name, old.launch().onPort(old.port()));
    }

    /** The last lines it logged, for failure messages. */
    public String logTail() {
      return process.logTail();
    }

    @Override
    public String toString() {
      return name + " (pid " + pid() + ", " + baseUrl() + ")";
    }
  }
}
