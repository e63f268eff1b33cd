package dev.corkboard.media;

import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.blob.BlobStore;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.Route;
import java.util.List;
import java.util.Optional;

/**
 * Serves stored images at the URLs pins carry. Media are immutable and content-addressed, so the
 * answers cache forever and the ETag is derived from the path.
 */
public final class MediaRoutes {

  private final MediaService service;

  public MediaRoutes(MediaService service) {
    this.service = service;
  }

  /** The route table of this feature. */
  public List<Route> routes() {
    return List.of(
        Route.extension("GET", "/media/{sha256}/{name}", Route.Auth.NONE, List.of(), this::serve));
  }

  private void serve(Call call) {
    String sha256 = call.request().path().pathParameters().get("sha256");
    String name = call.request().path().pathParameters().get("name");
    Optional<BlobStore.Blob> blob = service.served(sha256, name);
    if (blob.isEmpty()) {
      throw Unknown.MEDIA.error();
    }
    String etag = "\"" + sha256 + "-" + name + "\"";
    call.header("ETag", etag);
    call.header("Cache-Control", "public, max-age=31536000, immutable");
    Optional<String> ifNoneMatch =
        call.request().headers().first(io.helidon.http.HeaderNames.IF_NONE_MATCH);
    if (ifNoneMatch.isPresent() && matches(ifNoneMatch.get(), etag)) {
      call.notModified();
      return;
    }
    call.respondBytes(200, blob.get().contentType(), blob.get().bytes());
  }

  private static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String trimmed = candidate.trim();
      if (trimmed.equals("*") || trimmed.equals(etag) || trimmed.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
