package dev.corkboard.board;

import java.util.Optional;

/**
 * What a board update changes; an empty field is left as it is.
 *
 * @param name the new name
 * @param description the new description (empty string clears it)
 * @param privacy the new privacy
 */
public record BoardChanges(
    Optional<String> name, Optional<String> description, Optional<BoardPrivacy> privacy) {}
