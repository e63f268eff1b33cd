package dev.corkboard.media;

import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.blob.BlobStore;
import dev.corkboard.platform.http.Call;
import dev.corkboard.platform.http.Route;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Serves stored images at the URLs pins carry. Media are immutable and content-addressed, so the
 * answers of media anyone may see cache forever and the ETag is derived from the path; media only
 * secret pins show are answered at signed URLs alone, privately and for as long as the URL is good.
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
    Optional<MediaService.Served> served =
        service.served(
            sha256, name, call.query("expires").orElse(""), call.query("signature").orElse(""));
    if (served.isEmpty()) {
      throw Unknown.MEDIA.error();
    }
    String etag = "\"" + sha256 + "-" + name + "\"";
    OptionalLong signedFor = served.get().signedFor();
    call.header(
        "Cache-Control",
        signedFor.isPresent()
            ? "private, max-age=" + signedFor.getAsLong()
            : "public, max-age=31536000, immutable");
    if (call.answeredNotModified(etag)) {
      return;
    }
    BlobStore.Blob blob = served.get().blob();
    call.respondBytes(200, blob.contentType(), blob.bytes());
  }
}
