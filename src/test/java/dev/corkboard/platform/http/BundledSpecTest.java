package dev.corkboard.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.support.Specs;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The server's bundled copy of Pinterest's v5 description is the official one, unchanged. */
class BundledSpecTest {

  @Test
  void bundledDescriptionIsByteForByteTheSharedOfficialOne() throws IOException {
    Assumptions.assumeTrue(
        Files.isRegularFile(Specs.SHARED_SPEC), "the shared description is not beside the project");
    assertThat(Files.readAllBytes(Specs.BUNDLED_SPEC))
        .isEqualTo(Files.readAllBytes(Specs.SHARED_SPEC));
  }
}
