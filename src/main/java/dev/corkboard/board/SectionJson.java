package dev.corkboard.board;

/**
 * The v5 {@code BoardSection} wire form.
 *
 * @param id the section id
 * @param name its name
 */
public record SectionJson(String id, String name) {

  static SectionJson of(BoardSection section) {
    return new SectionJson(Long.toString(section.id()), section.name());
  }
}
