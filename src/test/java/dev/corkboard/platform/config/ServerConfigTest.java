package dev.corkboard.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  private static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 0, Path.of("data"), Optional.empty(), true, 1);
  }

  @Test
  void storageSettingsAreEmptyWithoutTheirVariables() {
    ServerConfig config = defaults().withStorageFrom(Map.of());

    assertThat(config.s3()).isEmpty();
    assertThat(config.sharedBuffers()).isEmpty();
  }

  @Test
  void readsTheS3StoreAndSharedBuffersFromTheEnvironment() {
    ServerConfig config =
        defaults()
            .withStorageFrom(
                Map.of(
                    "CORKBOARD_S3_ENDPOINT", "http://127.0.0.1:9000",
                    "CORKBOARD_S3_BUCKET", "media",
                    "CORKBOARD_S3_ACCESS_KEY", "key",
                    "CORKBOARD_S3_SECRET_KEY", "secret",
                    "CORKBOARD_DB_SHARED_BUFFERS", " 512MB "));

    assertThat(config.s3().orElseThrow().bucket()).isEqualTo("media");
    assertThat(config.sharedBuffers()).contains("512MB");
  }

  @Test
  void aBlankSharedBuffersVariableMeansTheDefault() {
    assertThat(
            defaults().withStorageFrom(Map.of("CORKBOARD_DB_SHARED_BUFFERS", "  ")).sharedBuffers())
        .isEmpty();
  }

  @Test
  void mediaBytesLiveInTheDataDirectoryUnlessABlobDirectoryIsGiven() {
    assertThat(defaults().blobDirectory()).isEqualTo(Path.of("data", "blobs").toAbsolutePath());
    assertThat(defaults().withBlobDir(Path.of("shared/media")).blobDirectory())
        .isEqualTo(Path.of("shared", "media").toAbsolutePath());
    assertThat(defaults().withBlobDir(Path.of("media")).withStorageFrom(Map.of()).blobDir())
        .contains(Path.of("media").toAbsolutePath());
  }
}
