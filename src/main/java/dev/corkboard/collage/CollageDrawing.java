package dev.corkboard.collage;

import dev.corkboard.collage.render.CollageRenderer;
import dev.corkboard.collage.render.Layer;
import dev.corkboard.collage.render.Scene;
import dev.corkboard.media.MediaService;
import dev.corkboard.platform.blob.BlobStore;
import dev.corkboard.platform.db.Database;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored collage layouts into images: decodes the cutouts and pin images they refer to (kept
 * in memory up to a pixel budget), draws them as a {@link Scene}, and keeps each render of a
 * collage in the blob store under its version, width and format. Access is decided before a layout
 * gets here.
 */
public final class CollageDrawing {

  /** The narrowest render a client may ask for, in px. */
  static final int MIN_WIDTH = 64;

  /** The widest render a client may ask for, in px. */
  static final int MAX_WIDTH = 2400;

  private static final Logger LOG = LoggerFactory.getLogger(CollageDrawing.class);

  /** Decoded pixels kept in memory across renders: 64 million, about 256 MB as ARGB. */
  private static final long DECODED_PIXELS = 64_000_000L;

  private final Database database;
  private final CollageRepository repository = new CollageRepository();
  private final MediaService media;
  private final BlobStore blobs;
  private final DecodedSources decoded = new DecodedSources(DECODED_PIXELS);
  private final CollageRenderer renderer = new CollageRenderer();

  public CollageDrawing(Database database, MediaService media, BlobStore blobs) {
    this.database = database;
    this.media = media;
    this.blobs = blobs;
  }

  /** The decoded original of a pin's image, by its hash; empty when it is no longer stored. */
  Optional<BufferedImage> pinImage(String sha256) {
    return decoded.get(pinKey(sha256), () -> media.original(sha256));
  }

  /**
   * Renders a collage as seen (the version it carries is the one drawn) at {@code width} px as
   * {@code "png"} or {@code "jpeg"}. The same version, width and format always give the same bytes,
   * cached under those keys.
   */
  Render render(Collage seen, int width, String format) {
    int version = seen.version();
    String extension = format.equals("jpeg") ? "jpg" : "png";
    String key = "renders/" + seen.id() + "/" + version + "/" + width + "." + extension;
    String etag = "\"r" + seen.id() + "-v" + version + "-" + width + "-" + format + "\"";
    String contentType = format.equals("jpeg") ? "image/jpeg" : "image/png";
    Optional<BlobStore.Blob> cached = blobs.get(key);
    if (cached.isPresent()) {
      return new Render(cached.get().bytes(), contentType, etag);
    }
    byte[] bytes = image(seen.layout(), width, format);
    blobs.put(key, bytes, contentType);
    return new Render(bytes, contentType, etag);
  }

  /** Draws a layout at {@code width} px and encodes it, without the render cache. */
  byte[] image(CollageLayout layout, int width, String format) {
    return renderer.encode(draw(layout, width), format);
  }

  /** Draws a layout with its sources; a source that is no longer stored is left out. */
  private BufferedImage draw(CollageLayout layout, int width) {
    Map<String, BufferedImage> sources = new HashMap<>();
    List<Layer> layers = new ArrayList<>();
    for (CollageLayout.Item item : layout.items()) {
      String key = sourceKey(item);
      Optional<BufferedImage> image =
          switch (item.type()) {
            case CUTOUT -> decoded.get(key, () -> cutoutPng(item.refId()));
            case PIN -> pinImage(item.sha256());
          };
      if (image.isEmpty()) {
        LOG.warn("collage source {} is no longer stored; drawing without it", key);
        continue;
      }
      sources.put(key, image.get());
      layers.add(
          new Layer(
              key,
              item.x(),
              item.y(),
              item.scale(),
              item.rotation(),
              item.flipX(),
              item.opacity()));
    }
    Scene scene =
        new Scene(layout.width(), layout.height(), Color.decode(layout.backgroundColor()), layers);
    return renderer.render(scene, sources, width);
  }

  /** The stored PNG of a cutout, by id alone: the layout was checked when it was saved. */
  private Optional<byte[]> cutoutPng(long cutoutId) {
    return repository
        .findCutout(database, cutoutId)
        .flatMap(c -> blobs.get(c.blobKey()))
        .map(BlobStore.Blob::bytes);
  }

  /** The key of a layer's decoded source: a pin's image is shared by every pin showing it. */
  private static String sourceKey(CollageLayout.Item item) {
    return switch (item.type()) {
      case CUTOUT -> "c:" + item.refId();
      case PIN -> pinKey(item.sha256());
    };
  }

  private static String pinKey(String sha256) {
    return "s:" + sha256;
  }

  /**
   * A rendered collage.
   *
   * @param bytes the encoded image
   * @param contentType its media type
   * @param etag its strong entity tag
   */
  public record Render(byte[] bytes, String contentType, String etag) {}

  /** Decoded source images kept in memory up to a pixel budget, least recently used out first. */
  private static final class DecodedSources {
    private final long maxPixels;
    private final LinkedHashMap<String, BufferedImage> images =
        new LinkedHashMap<>(16, 0.75f, true);
    private long pixels;

    DecodedSources(long maxPixels) {
      this.maxPixels = maxPixels;
    }

    /** The decoded image under {@code key}, decoding {@code bytes} once; empty if unreadable. */
    Optional<BufferedImage> get(String key, Supplier<Optional<byte[]>> bytes) {
      synchronized (this) {
        BufferedImage cached = images.get(key);
        if (cached != null) {
          return Optional.of(cached);
        }
      }
      Optional<byte[]> raw = bytes.get();
      if (raw.isEmpty()) {
        return Optional.empty();
      }
      BufferedImage image;
      try {
        image = ImageIO.read(new ByteArrayInputStream(raw.get()));
      } catch (IOException e) {
        return Optional.empty();
      }
      if (image == null) {
        return Optional.empty();
      }
      synchronized (this) {
        images.put(key, image);
        pixels += (long) image.getWidth() * image.getHeight();
        var it = images.entrySet().iterator();
        while (pixels > maxPixels && it.hasNext()) {
          var eldest = it.next();
          if (eldest.getKey().equals(key)) {
            break;
          }
          pixels -= (long) eldest.getValue().getWidth() * eldest.getValue().getHeight();
          it.remove();
        }
      }
      return Optional.of(image);
    }
  }
}
