package dev.corkboard.pin;

import dev.corkboard.media.MediaView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A pin with the current state of each of its images.
 *
 * @param pin the pin
 * @param media the state of each image, in the order of {@link Pin#items()}
 * @param renewAt when the view must be made again because its media URLs are signed and will expire
 *     ({@link Instant#MAX} for a pin on a public board, whose URLs never do)
 */
public record PinView(Pin pin, List<MediaView> media, Instant renewAt) {

  public PinView {
    media = List.copyOf(media);
  }

  /** About how many bytes of heap the view holds, for caches bounded in bytes. */
  int estimatedBytes() {
    // The records, their fixed fields and the lists; then what varies: texts and images.
    int bytes = 320;
    for (String text :
        List.of(
            pin.ownerUsername(),
            pin.title(),
            pin.description(),
            pin.link(),
            pin.altText(),
            pin.dominantColor())) {
      bytes += text.isEmpty() ? 0 : 48 + 2 * text.length();
    }
    for (Pin.Item item : pin.items()) {
      bytes +=
          64 + 2 * (item.title().length() + item.description().length() + item.link().length());
    }
    for (MediaView image : media) {
      bytes += image.estimatedBytes();
    }
    return bytes;
  }

  /** Whether the view may still be served: its URLs never expire, or are good for long enough. */
  boolean fresh(Clock clock) {
    return renewAt.equals(Instant.MAX) || clock.instant().isBefore(renewAt);
  }
}
