package dev.corkboard.board;

import org.jspecify.annotations.Nullable;

/**
 * The wire form of a section moved in its board's manual order.
 *
 * @param sectionId the section moved
 * @param after the section it now follows, null when it is first
 */
record SectionOrderJson(String sectionId, @Nullable String after) {}
