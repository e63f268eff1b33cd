package dev.corkboard.pin;

import dev.corkboard.media.MediaView;
import java.util.List;

/**
 * A pin with the current state of each of its images.
 *
 * @param pin the pin
 * @param media the state of each image, in the order of {@link Pin#items()}
 */
public record PinView(Pin pin, List<MediaView> media) {

  public PinView {
    media = List.copyOf(media);
  }
}
