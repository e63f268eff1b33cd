package dev.corkboard.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Lets a test feed a hand-made response to the validators, to prove they reject bad bodies. */
public final class SpecProbe {

  private SpecProbe() {}

  public static void validatePinterest(
      String method, String path, int status, String contentType, String body) {
    Specs.validate(Specs.pinterest(), method, path, status, contentType, body);
  }

  public static void validateCorkboard(
      String method, String path, int status, String contentType, String body) {
    Specs.validate(
        Specs.corkboard(
            () -> {
              try {
                return HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                URI.create(TestServer.shared().baseUrl() + "/v5/openapi.json"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body();
              } catch (java.io.IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }),
        method,
        path,
        status,
        contentType,
        body);
  }
}
