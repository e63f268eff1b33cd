package dev.corkboard.platform.db;

import dev.corkboard.platform.blob.BlobStore;
import dev.corkboard.platform.blob.LocalBlobStore;
import dev.corkboard.platform.blob.S3BlobStore;
import dev.corkboard.platform.blob.S3Settings;
import dev.corkboard.platform.config.DataDirectory;
import dev.corkboard.platform.config.Resources;
import dev.corkboard.platform.config.ServerConfig;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Corkboard process stores into, opened as its configuration says: the locked data
 * directory, the PostgreSQL (the embedded one, started in the data directory, or an external one)
 * and the blob store of media bytes (a directory, the data directory's unless configured, or an
 * S3-compatible store). Closing it closes what it opened, in reverse order.
 */
public final class Storage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

  private final Resources opened;
  private final ConnectionSettings database;
  private final BlobStore blobs;

  private Storage(Resources opened, ConnectionSettings database, BlobStore blobs) {
    this.opened = opened;
    this.database = database;
    this.blobs = blobs;
  }

  /**
   * Locks the data directory, starts the embedded PostgreSQL unless an external one is configured,
   * and opens the blob store; on a failure, closes what it already opened.
   *
   * @throws IllegalStateException when another process uses the data directory
   */
  public static Storage open(ServerConfig config) {
    Resources opened = new Resources();
    try {
      DataDirectory data = DataDirectory.open(config.dataDir());
      opened.add(data);
      ConnectionSettings database = database(config, () -> data, opened);
      BlobStore blobs = blobStore(config, opened);
      return new Storage(opened, database, blobs);
    } catch (RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  /**
   * Applies the schema migrations to the configured database and closes what it opened; answers how
   * many it applied. An external database needs nothing local, so migrating one leaves the data
   * directory alone.
   */
  public static int migrate(ServerConfig config) {
    Resources opened = new Resources();
    try {
      ConnectionSettings database =
          database(
              config,
              () -> {
                DataDirectory data = DataDirectory.open(config.dataDir());
                opened.add(data);
                return data;
              },
              opened);
      int applied = Migrations.migrate(database);
      opened.close();
      return applied;
    } catch (RuntimeException | Error e) {
      opened.closeAfter(e);
      throw e;
    }
  }

  /** The external database, or the embedded one started in {@code data}, asked for only then. */
  private static ConnectionSettings database(
      ServerConfig config, Supplier<DataDirectory> data, Resources opened) {
    Optional<String> url = config.databaseUrl();
    if (url.isPresent()) {
      return ConnectionSettings.fromUrl(url.get());
    }
    EmbeddedDatabase embedded =
        EmbeddedDatabase.start(data.get().resolve("postgres"), config.sharedBuffers());
    opened.add(embedded);
    return embedded.settings();
  }

  private static BlobStore blobStore(ServerConfig config, Resources opened) {
    Optional<S3Settings> s3 = config.s3();
    if (s3.isPresent()) {
      LOG.info("media bytes in S3 bucket {} at {}", s3.get().bucket(), s3.get().endpoint());
      S3BlobStore store = new S3BlobStore(s3.get());
      opened.add(store);
      return store;
    }
    return new LocalBlobStore(config.blobDirectory());
  }

  /** Where the database is and how to log in. */
  public ConnectionSettings database() {
    return database;
  }

  /** Where media bytes live. */
  public BlobStore blobs() {
    return blobs;
  }

  /** Closes the blob store, stops the embedded PostgreSQL and unlocks the data directory. */
  @Override
  public void close() {
    opened.close();
  }
}
