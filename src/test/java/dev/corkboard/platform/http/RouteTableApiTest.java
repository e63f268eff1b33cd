package dev.corkboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.json.Json;
import dev.corkboard.support.Api;
import dev.corkboard.support.Specs;
import dev.corkboard.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RouteTableApiTest {

  @Test
  void everyV5OperationNeedsExactlyTheScopesPinterestsSpecLists() throws IOException {
    JsonNode spec = Json.parseTrusted(Files.readAllBytes(Specs.pinterestSpecPath()));
    List<String> checked = new ArrayList<>();
    for (Route route : TestServer.shared().routes()) {
      if (route.operationId().isEmpty()) {
        continue;
      }
      JsonNode operation =
          spec.path("paths")
              .path(route.pattern().substring("/v5".length()))
              .path(route.method().toLowerCase(Locale.ROOT));
      assertThat(operation.isMissingNode()).as(route.pattern()).isFalse();
      assertThat(operation.path("operationId").asText()).isEqualTo(route.operationId().get());
      List<String> specScopes = new ArrayList<>();
      operation
          .path("security")
          .get(0)
          .path("pinterest_oauth2")
          .forEach(s -> specScopes.add(s.asText()));
      assertThat(route.scopes().stream().map(Scope::wireName).toList())
          .as(route.operationId().get())
          .containsExactlyInAnyOrderElementsOf(specScopes);
      checked.add(route.operationId().get());
    }
    assertThat(checked)
        .contains(
            "boards/create",
            "boards/list",
            "boards/get",
            "boards/update",
            "boards/delete",
            "board_sections/list",
            "board_sections/create",
            "board_sections/update",
            "board_sections/delete",
            "boards/list_pins",
            "board_sections/list_pins",
            "user_account/get");
  }

  @Test
  void everyExtensionNeedsExactlyTheScopesItsOwnDocumentLists() throws IOException {
    JsonNode extensions =
        Json.parseTrusted(
            RouteTableApiTest.class.getResourceAsStream("/openapi/extensions.json").readAllBytes());
    List<String> checked = new ArrayList<>();
    for (Route route : TestServer.shared().routes()) {
      if (route.operationId().isPresent() || !route.pattern().startsWith("/v5/")) {
        continue;
      }
      JsonNode operation =
          extensions
              .path("paths")
              .path(route.pattern().substring("/v5".length()))
              .path(route.method().toLowerCase(Locale.ROOT));
      assertThat(operation.isMissingNode()).as(route.method() + " " + route.pattern()).isFalse();
      List<String> documented = new ArrayList<>();
      operation
          .path("security")
          .forEach(
              option -> option.path("pinterest_oauth2").forEach(s -> documented.add(s.asText())));
      assertThat(route.scopes().stream().map(Scope::wireName).toList())
          .as(route.method() + " " + route.pattern())
          .containsExactlyInAnyOrderElementsOf(documented);
      checked.add(route.method() + " " + route.pattern());
    }
    assertThat(checked).contains("POST /v5/collages/{collage_id}/publish", "POST /v5/cutouts");
  }

  @Test
  void servedDocumentDescribesEveryV5RouteWithPinterestsOwnOperation() throws IOException {
    JsonNode spec = Json.parseTrusted(Files.readAllBytes(Specs.pinterestSpecPath()));
    Api.Response response = Api.anonymous().get("/v5/openapi.json");
    assertThat(response.status()).isEqualTo(200);
    JsonNode doc = response.json();
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/v5");
    for (Route route : TestServer.shared().routes()) {
      if (!route.pattern().startsWith("/v5/")) {
        continue;
      }
      String path = route.pattern().substring("/v5".length());
      String method = route.method().toLowerCase(Locale.ROOT);
      JsonNode served = doc.path("paths").path(path).path(method);
      assertThat(served.isMissingNode()).as(route.method() + " " + path).isFalse();
      if (route.operationId().isPresent()) {
        assertThat(served).isEqualTo(spec.path("paths").path(path).path(method));
      } else {
        assertThat(served.path("tags").toString()).contains("corkboard");
      }
    }
  }
}
