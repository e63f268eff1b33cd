package dev.corkboard.platform.cache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.Application;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.support.TestServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A server with read caches holds its database alone: the shared test server runs on the embedded
 * PostgreSQL with them on, so no other server may start on its database, whatever its mode.
 */
class ServerLockApiTest {

  @Test
  void noOtherServerStartsBesideOneWithReadCaches() {
    Application cached = TestServer.shared();
    for (ServerConfig.ReadCacheMode mode : ServerConfig.ReadCacheMode.values()) {
      ServerConfig config =
          new ServerConfig(
                  "127.0.0.1",
                  0,
                  TestServer.newDataDir(),
                  Optional.of(cached.databaseSettings().toString()),
                  true,
                  2)
              .withReadCache(mode);
      assertThatThrownBy(() -> Application.start(config).close())
          .as(mode.name())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("--read-cache off");
    }
  }
}
