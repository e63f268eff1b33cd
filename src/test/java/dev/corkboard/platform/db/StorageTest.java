package dev.corkboard.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.blob.LocalBlobStore;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.support.TestServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageTest {

  private static ServerConfig onSharedDatabase(Path dataDir) {
    return new ServerConfig(
        "127.0.0.1",
        0,
        dataDir,
        Optional.of(TestServer.shared().databaseSettings().toString()),
        true,
        1);
  }

  @Test
  void migratingAnExternalDatabaseLeavesTheDataDirectoryAlone() {
    Path dataDir = TestServer.newDataDir().resolve("never-created");

    int applied = Storage.migrate(onSharedDatabase(dataDir));

    assertThat(applied).isZero();
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void keepsMediaBytesInTheDataDirectoryUnlessS3IsConfigured() {
    Path dataDir = TestServer.newDataDir();
    ServerConfig config = onSharedDatabase(dataDir);

    try (Storage storage = Storage.open(config)) {
      assertThat(storage.blobs()).isInstanceOf(LocalBlobStore.class);
      assertThat(storage.database()).hasToString(TestServer.shared().databaseSettings().toString());
      assertThat(dataDir.resolve("blobs")).isDirectory();
      assertThat(dataDir.resolve("postgres")).doesNotExist();
    }
    // Closed, the data directory is free for the next process.
    try (Storage again = Storage.open(config)) {
      assertThat(again.blobs()).isInstanceOf(LocalBlobStore.class);
    }
  }

  @Test
  void keepsMediaBytesInTheConfiguredBlobDirectoryThatServersShare() {
    Path shared = TestServer.newDataDir().resolve("shared-blobs");
    ServerConfig first = onSharedDatabase(TestServer.newDataDir()).withBlobDir(shared);
    ServerConfig second = onSharedDatabase(TestServer.newDataDir()).withBlobDir(shared);

    try (Storage one = Storage.open(first);
        Storage other = Storage.open(second)) {
      one.blobs().put("originals/ab/cd/abcd", new byte[] {1, 2, 3}, "image/png");

      assertThat(shared.resolve("originals/ab/cd/abcd")).hasBinaryContent(new byte[] {1, 2, 3});
      assertThat(other.blobs().exists("originals/ab/cd/abcd")).isTrue();
      assertThat(first.dataDir().resolve("blobs")).doesNotExist();
    }
  }
}
