package dev.corkboard.platform.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.support.Api;
import dev.corkboard.support.TestServer;
import dev.corkboard.support.Users;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validation of API tests is itself tested: a body off the spec must fail the test. */
class SpecsValidationTest {

  @Test
  void aBoardWithoutItsRequiredIdFailsValidation() {
    Users.User user = Users.signUp();
    Api.Response board = user.client().post("/v5/boards", Map.of("name", "checked"));
    String withoutId = board.body().replaceFirst("\"id\":\"\\d+\",", "");
    assertThatThrownBy(
            () ->
                dev.corkboard.support.SpecProbe.validatePinterest(
                    "GET", "/v5/boards/1", 200, "application/json", withoutId))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("id");
  }

  @Test
  void anExtensionAnswerOffItsOwnSchemaFailsValidation() {
    TestServer.shared();
    String badToken = "{\"id\":\"1\",\"access_token\":\"x\",\"token_type\":\"mac\",\"scope\":\"\"}";
    assertThatThrownBy(
            () ->
                dev.corkboard.support.SpecProbe.validateCorkboard(
                    "POST", "/v5/tokens", 201, "application/json", badToken))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("token_type");
  }
}
