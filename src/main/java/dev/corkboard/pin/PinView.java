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

  /** Whether the view may still be served: its URLs never expire, or are good for long enough. */
  boolean fresh(Clock clock) {
    return renewAt.equals(Instant.MAX) || clock.instant().isBefore(renewAt);
  }
}
