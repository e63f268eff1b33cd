package dev.corkboard.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.blob.BlobStore;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.jobs.Job;
import dev.corkboard.platform.jobs.JobHandler;
import dev.corkboard.platform.jobs.JobQueue;
import dev.corkboard.platform.jobs.PermanentJobFailure;
import dev.corkboard.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media pipeline: takes images for pins (uploads checked in the request, URLs fetched in the
 * background), stores each original once by its SHA-256, makes the variants in the background,
 * serves them, and sweeps bytes that no pin uses any more.
 */
public final class MediaService {

  private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);
  static final String FETCH_JOB = "media.fetch";
  static final String VARIANTS_JOB = "media.variants";

  private static final ImageProcessor IMAGES = new ImageProcessor();

  /** What the views of ready originals may weigh: some 30,000 images of four variants. */
  static final long READY_MEDIA_BYTES = 32L << 20;

  private final Database database;
  private final MediaRepository media;
  private final BlobStore blobs;
  private final ImageFetcher fetcher;
  private final JobQueue jobs;
  private final IdGenerator ids;
  private final Supplier<String> publicUrl;
  private final MediaUrls urls;

  /**
   * The views of ready originals by SHA-256, which never change: kept on every node without
   * invalidation, bounded in bytes. Only what is the same for every reader lives here, never a
   * signed URL.
   */
  private final Cache<String, ReadyOriginal> readyMedia =
      Caffeine.newBuilder()
          .maximumWeight(READY_MEDIA_BYTES)
          .weigher((String sha256, ReadyOriginal ready) -> 128 + ready.view().estimatedBytes())
          .build();

  /** Pins show their images' state, so every change of it empties the read caches. */
  private final ReadCaches caches;

  /**
   * @param sourceInUse a SQL condition over the source aliased {@code s} that holds while something
   *     above media (a pin) shows it; the sweep keeps such sources
   * @param sourceShownPublicly a SQL condition over the source aliased {@code s} that holds while
   *     something anyone may see (a pin on a public board) shows it; other media are served only at
   *     signed URLs
   */
  public MediaService(
      Database database,
      BlobStore blobs,
      ImageFetcher fetcher,
      JobQueue jobs,
      IdGenerator ids,
      Supplier<String> publicUrl,
      ReadCaches caches,
      MediaUrls urls,
      String sourceInUse,
      String sourceShownPublicly) {
    this.media = new MediaRepository(sourceInUse, sourceShownPublicly);
    this.urls = urls;
    this.caches = caches;
    this.database = database;
    this.blobs = blobs;
    this.fetcher = fetcher;
    this.jobs = jobs;
    this.ids = ids;
    this.publicUrl = publicUrl;
    jobs.register(FETCH_JOB, new FetchHandler());
    jobs.register(VARIANTS_JOB, new VariantsHandler());
  }

  /**
   * Decodes and checks uploaded bytes in the request: 400 naming the field when they are no JPEG,
   * PNG, GIF or WebP image.
   */
  public static MediaInput.Upload checkUpload(String field, byte[] bytes) {
    try {
      DecodedImage decoded = IMAGES.decode(bytes);
      return new MediaInput.Upload(
          bytes, new MediaInput.CheckedImage(decoded.format(), decoded.width(), decoded.height()));
    } catch (InvalidImageException e) {
      throw new ApiException.InvalidInput(field + " is not a usable image: " + e.getMessage());
    }
  }

  /**
   * Records the images of a new pin inside the caller's transaction and answers their source ids,
   * in order. Uploads are stored now; URLs are fetched by a job once the transaction commits.
   */
  public List<Long> ingest(Sql tx, List<MediaInput> inputs) {
    return inputs.stream().map(input -> ingestOne(tx, input)).toList();
  }

  private long ingestOne(Sql tx, MediaInput input) {
    long sourceId = ids.next((short) 0);
    switch (input) {
      case MediaInput.Url url -> {
        media.insertUrlSource(tx, sourceId, url.url());
        jobs.enqueue(tx, FETCH_JOB, Json.object().put("source_id", sourceId).toString());
      }
      case MediaInput.Upload upload -> {
        String sha256 = storeOriginal(tx, upload.bytes(), upload.image());
        media.insertUploadSource(tx, sourceId, sha256);
      }
    }
    return sourceId;
  }

  /** Nudges the background workers after a transaction that enqueued media work committed. */
  public void wake() {
    jobs.wake();
  }

  /**
   * Stores an original once (under a shared lock on its hash, so the sweep cannot remove it
   * meanwhile) and queues its variants if it is new.
   */
  private String storeOriginal(Sql tx, byte[] bytes, MediaInput.CheckedImage image) {
    String sha256 = sha256(bytes);
    media.lockShared(tx, sha256);
    blobs.put(originalKey(sha256), bytes, contentType(image.format()));
    boolean inserted =
        media.insertMedia(tx, sha256, image.format(), image.width(), image.height(), bytes.length);
    if (inserted) {
      jobs.enqueue(tx, VARIANTS_JOB, Json.object().put("sha256", sha256).toString());
    }
    return sha256;
  }

  /**
   * Stores an image, its variants and its dominant colour in the blob store outside any request,
   * for tools that bulk-load media rows themselves (the benchmark's seed); answers what the {@code
   * media} row of a ready image holds.
   */
  public static ReadyMedia storeReady(BlobStore blobs, byte[] bytes) throws InvalidImageException {
    DecodedImage decoded = IMAGES.decodeForVariants(bytes);
    String sha256 = sha256(bytes);
    blobs.put(originalKey(sha256), bytes, contentType(decoded.format()));
    String variants = storeVariants(blobs, sha256, decoded);
    return new ReadyMedia(
        sha256,
        decoded.format(),
        decoded.width(),
        decoded.height(),
        bytes.length,
        IMAGES.dominantColor(decoded.image()),
        variants);
  }

  /**
   * Renders and stores every variant of a decoded original; answers their sizes by key as the JSON
   * text of {@code media.variants}.
   */
  private static String storeVariants(BlobStore blobs, String sha256, DecodedImage decoded) {
    ObjectNode variants = Json.object();
    for (Variant variant : IMAGES.variants(decoded)) {
      blobs.put(variantKey(sha256, variant.key()), variant.jpeg(), "image/jpeg");
      variants.set(
          variant.key(),
          Json.object().put("width", variant.width()).put("height", variant.height()));
    }
    return variants.toString();
  }

  /**
   * A stored image whose variants are made: the values of its {@code media} row in state {@code
   * ready}.
   *
   * @param sha256 the SHA-256 of the original bytes, in hex
   * @param format jpeg, png, gif or webp
   * @param width the original's width
   * @param height the original's height
   * @param byteSize the original's size in bytes
   * @param dominantColor the dominant colour as {@code #rrggbb}
   * @param variantsJson the variants column: size key to width and height
   */
  public record ReadyMedia(
      String sha256,
      String format,
      int width,
      int height,
      long byteSize,
      String dominantColor,
      String variantsJson) {}

  /** The signing of media URLs now, for the views of images only secret pins show. */
  public MediaUrls.Window signing() {
    return urls.now();
  }

  /**
   * How the given sources look now, by id, with unsigned URLs ({@link #signed} signs them for a
   * secret pin). A ready original's images never change (it is content-addressed and its variants
   * are made once), so they come from {@link #readyMedia} on every node without invalidation; the
   * originals not held there are read in one statement, and the ones found ready kept.
   */
  public Map<Long, MediaView> views(Collection<SourceRef> sources) {
    Map<Long, MediaView> views = HashMap.newHashMap(sources.size());
    // The hash of each source whose original is not held here, by source id.
    Map<Long, String> unknown = new HashMap<>();
    String base = publicUrl.get();
    for (SourceRef source : sources) {
      String sha256 = source.sha256().orElse("");
      if (source.state() == SourceState.FAILED) {
        views.put(
            source.id(),
            MediaView.failed(source.failure().orElse("the image could not be fetched")));
      } else if (source.state() == SourceState.FETCHING || sha256.isEmpty()) {
        views.put(source.id(), MediaView.processing());
      } else {
        ReadyOriginal ready = readyMedia.getIfPresent(sha256);
        if (ready != null && ready.base().equals(base)) {
          views.put(source.id(), ready.view());
        } else {
          unknown.put(source.id(), sha256);
        }
      }
    }
    if (!unknown.isEmpty()) {
      Map<String, MediaView> read = new HashMap<>();
      for (OriginalSnapshot s :
          media.originals(database, List.copyOf(Set.copyOf(unknown.values())))) {
        MediaView view = view(s, base);
        if (view.state() == MediaView.State.READY) {
          readyMedia.put(s.sha256(), new ReadyOriginal(base, view));
        }
        read.put(s.sha256(), view);
      }
      unknown.forEach(
          (id, sha256) -> views.put(id, read.getOrDefault(sha256, MediaView.failedMissing())));
    }
    return views;
  }

  /**
   * An image as a pin only secret boards show presents it: its URLs signed in the window {@code
   * signing}, made anew from the unsigned view for every window and never kept in {@link
   * #readyMedia}.
   */
  public MediaView signed(MediaView unsigned, MediaUrls.Window signing) {
    if (signing.urls() == null || unsigned.images().isEmpty() || unsigned.sha256().isEmpty()) {
      return unsigned;
    }
    String base = publicUrl.get();
    String sha256 = unsigned.sha256().get();
    Map<String, MediaView.Image> images = LinkedHashMap.newLinkedHashMap(unsigned.images().size());
    unsigned
        .images()
        .forEach(
            (key, image) ->
                images.put(
                    key,
                    new MediaView.Image(
                        signing.url(base, variantPath(sha256, key)),
                        image.width(),
                        image.height())));
    return new MediaView(
        MediaView.State.READY,
        Optional.empty(),
        images,
        unsigned.dominantColor(),
        unsigned.sha256());
  }

  /** How an original looks, from a snapshot of it, its URLs unsigned under {@code base}. */
  private static MediaView view(OriginalSnapshot s, String base) {
    switch (s.state()) {
      case FAILED -> {
        return MediaView.failed(s.failure().orElse("the image could not be processed"));
      }
      case PROCESSING -> {
        return MediaView.processing();
      }
      case READY -> {
        // Answered below.
      }
    }
    Map<String, MediaView.Image> images = new LinkedHashMap<>();
    s.variants()
        .properties()
        .forEach(
            e ->
                images.put(
                    e.getKey(),
                    new MediaView.Image(
                        MediaUrls.UNSIGNED.url(base, variantPath(s.sha256(), e.getKey())),
                        e.getValue().path("width").asInt(),
                        e.getValue().path("height").asInt())));
    return new MediaView(
        MediaView.State.READY,
        Optional.empty(),
        images,
        s.dominantColor(),
        Optional.of(s.sha256()));
  }

  private static String variantPath(String sha256, String key) {
    return "/media/" + sha256 + "/" + key + ".jpg";
  }

  /**
   * A ready original's view, with the public URL its URLs were made under (a view made under
   * another is made again).
   *
   * @param base the public URL of the server when the view was made
   * @param view the view, with unsigned URLs
   */
  private record ReadyOriginal(String base, MediaView view) {}

  /** The original bytes of an image by its SHA-256, while they are stored. */
  public Optional<byte[]> original(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      return Optional.empty();
    }
    return blobs.get(originalKey(sha256)).map(BlobStore.Blob::bytes);
  }

  /**
   * The stored bytes behind a served media path, {@code original} or a variant such as {@code
   * 400x300.jpg}, when the caller may have them: anyone, while something anyone may see shows the
   * image; otherwise only at a signed URL that has not expired.
   *
   * @param expires the URL's {@code expires} parameter, or empty
   * @param signature the URL's {@code signature} parameter, or empty
   */
  public Optional<Served> served(String sha256, String name, String expires, String signature) {
    if (!sha256.matches("[0-9a-f]{64}")
        || !(name.equals("original") || name.matches("(150x150|400x300|600x|1200x)\\.jpg"))) {
      return Optional.empty();
    }
    OptionalLong signedFor =
        expires.isEmpty() && signature.isEmpty()
            ? OptionalLong.empty()
            : urls.remaining("/media/" + sha256 + "/" + name, expires, signature);
    if (signedFor.isEmpty() && !media.shownPublicly(database, sha256)) {
      return Optional.empty();
    }
    String key =
        name.equals("original")
            ? originalKey(sha256)
            : variantKey(sha256, name.substring(0, name.length() - 4));
    return blobs.get(key).map(blob -> new Served(blob, signedFor));
  }

  /**
   * Media bytes as served.
   *
   * @param blob the bytes and their content type
   * @param signedFor for a signed URL, how many seconds it is still good for; empty for media
   *     anyone may have, which never change
   */
  public record Served(BlobStore.Blob blob, OptionalLong signedFor) {}

  /**
   * Removes sources that no pin uses (and that are older than {@code minAge}, so a pin being made
   * right now is never raced), then originals and variants that no source uses. Runs in small
   * batches; safe to run on several servers at once.
   */
  public int sweep(java.time.Duration minAge) {
    int removed = 0;
    for (long sourceId : media.unreferencedSources(database, minAge, 500)) {
      try {
        if (database.transaction(tx -> media.deleteSource(tx, sourceId))) {
          removed++;
        }
      } catch (RuntimeException e) {
        // A pin took the source up between the read and the delete; it stays.
        LOG.debug("source {} kept: {}", sourceId, e.getMessage());
      }
    }
    for (String sha256 : media.unreferencedMedia(database, 200)) {
      try {
        boolean deleted =
            database.transaction(
                tx -> {
                  if (!media.tryLockExclusive(tx, sha256) || !media.deleteMedia(tx, sha256)) {
                    return false;
                  }
                  // Deleted while holding the lock: no writer can be storing these bytes now.
                  blobs.delete(originalKey(sha256));
                  for (VariantSize size : VariantSize.values()) {
                    blobs.delete(variantKey(sha256, size.key()));
                  }
                  return true;
                });
        if (deleted) {
          removed++;
        }
      } catch (RuntimeException e) {
        LOG.debug("media {} kept: {}", sha256, e.getMessage());
      }
    }
    return removed;
  }

  static String originalKey(String sha256) {
    return "originals/" + sha256.substring(0, 2) + "/" + sha256;
  }

  static String variantKey(String sha256, String key) {
    return "variants/" + sha256.substring(0, 2) + "/" + sha256 + "/" + key + ".jpg";
  }

  static String contentType(String format) {
    return switch (format) {
      case "jpeg" -> "image/jpeg";
      case "png" -> "image/png";
      case "gif" -> "image/gif";
      case "webp" -> "image/webp";
      default -> "application/octet-stream";
    };
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON this service enqueued the job with. */
  private static JsonNode payload(Job job) {
    return Json.parseTrusted(job.payload().getBytes(StandardCharsets.UTF_8));
  }

  /** Fetches a URL source, stores its original and queues its variants. */
  private final class FetchHandler implements JobHandler {
    @Override
    public void run(Job job) throws Exception {
      long sourceId = payload(job).path("source_id").asLong();
      Optional<MediaRepository.Source> source = media.findSource(database, sourceId);
      if (source.isEmpty() || source.get().state() != SourceState.FETCHING) {
        return;
      }
      byte[] bytes;
      try {
        bytes = fetcher.fetch(source.get().url());
      } catch (FetchException e) {
        if (e.retryable()) {
          throw e;
        }
        throw new PermanentJobFailure(e.getMessage(), e);
      }
      DecodedImage decoded;
      try {
        decoded = IMAGES.decode(bytes);
      } catch (InvalidImageException e) {
        throw new PermanentJobFailure("the URL did not serve a usable image: " + e.getMessage(), e);
      }
      MediaInput.CheckedImage image =
          new MediaInput.CheckedImage(decoded.format(), decoded.width(), decoded.height());
      database.inTransaction(
          tx -> {
            String sha256 = storeOriginal(tx, bytes, image);
            media.setSourceFetched(tx, sourceId, sha256);
          });
      caches.clearAll();
      jobs.wake();
    }

    @Override
    public void gaveUp(Job job, String reason) {
      long sourceId = payload(job).path("source_id").asLong();
      media.setSourceFailed(database, sourceId, reason);
      caches.clearAll();
    }
  }

  /** Makes the variants and the dominant colour of an original. */
  private final class VariantsHandler implements JobHandler {
    @Override
    public void run(Job job) throws Exception {
      String sha256 = payload(job).path("sha256").asText();
      Optional<ImageState> state = media.mediaState(database, sha256);
      if (state.isEmpty() || state.get() != ImageState.PROCESSING) {
        return;
      }
      BlobStore.Blob original =
          blobs
              .get(originalKey(sha256))
              .orElseThrow(() -> new PermanentJobFailure("the original image is missing"));
      DecodedImage decoded;
      try {
        decoded = IMAGES.decodeForVariants(original.bytes());
      } catch (InvalidImageException e) {
        throw new PermanentJobFailure("the image could not be decoded: " + e.getMessage(), e);
      }
      String variants = storeVariants(blobs, sha256, decoded);
      String dominant = IMAGES.dominantColor(decoded.image());
      media.setMediaReady(database, sha256, variants, dominant);
      caches.clearAll();
    }

    @Override
    public void gaveUp(Job job, String reason) {
      String sha256 = payload(job).path("sha256").asText();
      media.setMediaFailed(database, sha256, reason);
      caches.clearAll();
    }
  }
}
