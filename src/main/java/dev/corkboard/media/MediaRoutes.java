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
    call.header("Cache-Control", "public, max-age=31536000, immutable");
    if (call.answeredNotModified(etag)) {
      return;
    }
    call.respondBytes(200, blob.get().contentType(), blob.get().bytes());
  }
}
