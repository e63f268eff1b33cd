package dev.corkboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Api;
import org.junit.jupiter.api.Test;

/** Health and Prometheus metrics, as operators and scrapers read them. */
class SystemRoutesApiTest {

  @Test
  void healthIsUpWhileTheDatabaseAnswers() {
    Api.Response health = Api.anonymous().get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("status")).isEqualTo("UP");
  }

  @Test
  void metricsCountRequestsPerRoutePatternMethodAndStatus() {
    Api api = Api.anonymous();
    api.get("/health");
    api.get("/v5/boards/12a");
    api.send("BREW", "/v5/nothing-here", null, null);
    Api.Response metrics = api.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body())
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}")
        .contains(
            "http_server_requests_seconds_bucket{method=\"GET\",route=\"/v5/boards/{board_id}\",status=\"401\"")
        .contains("route=\"unmatched\",status=\"404\"")
        .contains("method=\"OTHER\",route=\"unmatched\"")
        .doesNotContain("BREW")
        .contains("db_pool_connections")
        .contains("jvm_memory_used_bytes");
  }
}
