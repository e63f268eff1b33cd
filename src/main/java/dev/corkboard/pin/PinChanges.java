package dev.corkboard.pin;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a pin update changes; an empty field is left as it is, an empty string clears a text.
 *
 * @param title the new title
 * @param description the new description
 * @param link the new link
 * @param altText the new alternative text
 * @param boardId the board to move the pin to
 * @param sectionId the section to move it to (0 takes it out of its section)
 */
public record PinChanges(
    Optional<String> title,
    Optional<String> description,
    Optional<String> link,
    Optional<String> altText,
    OptionalLong boardId,
    OptionalLong sectionId) {}
