package dev.corkboard.pin;

import org.jspecify.annotations.Nullable;

/**
 * The wire form of a pin moved in its board's or section's manual order.
 *
 * @param pinId the pin moved
 * @param sectionId the section whose order it was moved in, null for the board's
 * @param after the pin it now follows, null when it is first
 */
record PinOrderJson(String pinId, @Nullable String sectionId, @Nullable String after) {}
