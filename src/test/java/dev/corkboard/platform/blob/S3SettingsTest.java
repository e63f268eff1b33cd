package dev.corkboard.platform.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

  private static Map<String, String> completeEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("CORKBOARD_S3_ENDPOINT", "https://s3.example.test");
    env.put("CORKBOARD_S3_REGION", "eu-west-3");
    env.put("CORKBOARD_S3_BUCKET", "corkboard-media");
    env.put("CORKBOARD_S3_ACCESS_KEY", "AKIDEXAMPLE");
    env.put("CORKBOARD_S3_SECRET_KEY", "very-secret");
    return env;
  }

  @Test
  void isAbsentWithoutEndpoint() {
    Map<String, String> env = completeEnvironment();
    env.remove("CORKBOARD_S3_ENDPOINT");
    assertThat(S3Settings.fromEnvironment(env)).isEmpty();
    assertThat(S3Settings.fromEnvironment(Map.of("CORKBOARD_S3_ENDPOINT", " "))).isEmpty();
  }

  @Test
  void readsEveryVariable() {
    assertThat(S3Settings.fromEnvironment(completeEnvironment()))
        .contains(
            new S3Settings(
                URI.create("https://s3.example.test"),
                "eu-west-3",
                "corkboard-media",
                "AKIDEXAMPLE",
                "very-secret"));
  }

  @Test
  void regionDefaultsToUsEast1() {
    Map<String, String> env = completeEnvironment();
    env.remove("CORKBOARD_S3_REGION");
    assertThat(S3Settings.fromEnvironment(env).orElseThrow().region()).isEqualTo("us-east-1");
  }

  @Test
  void namesEachMissingVariable() {
    for (String name :
        new String[] {
          "CORKBOARD_S3_BUCKET", "CORKBOARD_S3_ACCESS_KEY", "CORKBOARD_S3_SECRET_KEY"
        }) {
      Map<String, String> env = completeEnvironment();
      env.remove(name);
      assertThatThrownBy(() -> S3Settings.fromEnvironment(env))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(name + " must be set when CORKBOARD_S3_ENDPOINT is set");
    }
  }

  @Test
  void rejectsEndpointThatIsNotHttp() {
    Map<String, String> env = completeEnvironment();
    env.put("CORKBOARD_S3_ENDPOINT", "ftp://s3.example.test");
    assertThatThrownBy(() -> S3Settings.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http or https");
    env.put("CORKBOARD_S3_ENDPOINT", "http://bad host");
    assertThatThrownBy(() -> S3Settings.fromEnvironment(env))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CORKBOARD_S3_ENDPOINT");
  }

  @Test
  void toStringHidesTheSecretKey() {
    S3Settings settings = S3Settings.fromEnvironment(completeEnvironment()).orElseThrow();
    assertThat(settings.toString()).doesNotContain("very-secret").contains("corkboard-media");
  }
}
