package dev.corkboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the layering of the tree: platform below the features, the use-case vocabulary apart from
 * the HTTP adapter, features meeting only through services and the SQL fragments they own, and the
 * benchmark outside the server.
 */
class ArchitectureTest {

  private static final String ROOT = "dev.corkboard";
  private static final List<String> FEATURES =
      List.of(
          "account", "oauth", "board", "follow", "feed", "pin", "media", "collage", "search",
          "related");

  /** The types of the use-case vocabulary that belong to requests and answers, not to storage. */
  private static final List<String> API_VOCABULARY =
      List.of(
          "AccessPolicy",
          "ApiException",
          "Bookmarks",
          "Checks",
          "Page",
          "PageRequest",
          "Principal",
          "Unknown");

  /** Every table, by the feature that owns it (platform's own tables included). */
  private static final Map<String, String> TABLES =
      Map.ofEntries(
          Map.entry("accounts", "account"),
          Map.entry("usernames", "account"),
          Map.entry("tokens", "account"),
          Map.entry("token_lookup", "account"),
          Map.entry("oauth_apps", "oauth"),
          Map.entry("oauth_codes", "oauth"),
          Map.entry("oauth_refresh_tokens", "oauth"),
          Map.entry("oauth_access_tokens", "oauth"),
          Map.entry("rate_windows", "platform"),
          Map.entry("boards", "board"),
          Map.entry("board_sections", "board"),
          Map.entry("board_members", "board"),
          Map.entry("board_activity", "board"),
          Map.entry("away_boards", "board"),
          Map.entry("user_follows", "follow"),
          Map.entry("board_follows", "follow"),
          Map.entry("pins", "pin"),
          Map.entry("pin_media", "pin"),
          Map.entry("feed_entries", "feed"),
          Map.entry("pin_search", "search"),
          Map.entry("pin_terms", "search"),
          Map.entry("board_search", "search"),
          Map.entry("search_words", "search"),
          Map.entry("media", "media"),
          Map.entry("media_sources", "media"),
          Map.entry("cutouts", "collage"),
          Map.entry("pin_cutouts", "collage"),
          Map.entry("collages", "collage"),
          Map.entry("pin_collages", "collage"),
          Map.entry("cutout_collages", "collage"),
          Map.entry("jobs", "platform"),
          Map.entry("id_slots", "platform"),
          Map.entry("server_secrets", "platform"),
          Map.entry("cache_nodes", "platform"));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @Test
  void platformImportsNoFeatureAndNoCompositionRoot() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".platform..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "a feature, the benchmark or the composition root",
                (JavaClass c) -> feature(c) != null || isBench(c) || isRoot(c)))
        .check(classes);
  }

  @Test
  void useCaseVocabularyKnowsNoHttpAdapter() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".platform.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".platform.http..", "io.helidon..")
        .check(classes);
  }

  @Test
  void onlyRoutesOfAFeatureUseTheHttpAdapter() {
    noClasses()
        .that(
            DescribedPredicate.describe(
                "belong to a feature and are not its routes",
                (JavaClass c) -> feature(c) != null && !outerName(c).endsWith("Routes")))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(ROOT + ".platform.http..", "io.helidon..")
        .check(classes);
  }

  @Test
  void repositoriesUseNoRequestOrAnswerVocabulary() {
    noClasses()
        .that(
            DescribedPredicate.describe(
                "are repositories", (JavaClass c) -> outerName(c).endsWith("Repository")))
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are request or answer vocabulary of platform.api",
                (JavaClass c) ->
                    c.getPackageName().equals(ROOT + ".platform.api")
                        && API_VOCABULARY.contains(outerName(c))))
        .check(classes);
  }

  @Test
  void featuresMeetOnlyThroughServicesNeverRoutesOrRepositories() {
    classes()
        .that(
            DescribedPredicate.describe("belong to a feature", (JavaClass c) -> feature(c) != null))
        .should(useNoRoutesOrRepositoryOfAnotherFeature())
        .check(classes);
  }

  @Test
  void nothingButTheCommandLineUsesTheBenchmark() {
    noClasses()
        .that(
            DescribedPredicate.describe(
                "are not the benchmark or the command line",
                (JavaClass c) -> !isBench(c) && !outerName(c).equals("Main")))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".bench..")
        .check(classes);
  }

  @Test
  void statementsNameOnlyTheirOwnFeaturesTablesAndReachOthersThroughTheirFragments()
      throws IOException {
    Pattern table = Pattern.compile("(?i)\\b(?:FROM|JOIN|UPDATE|INTO)\\s+([a-z_]+)");
    List<String> violations = new ArrayList<>();
    for (String feature : FEATURES) {
      Path folder = Path.of("src/main/java/dev/corkboard", feature);
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher matcher = table.matcher(Files.readString(file));
          while (matcher.find()) {
            String owner = TABLES.get(matcher.group(1).toLowerCase(Locale.ROOT));
            if (owner != null && !owner.equals(feature)) {
              violations.add(file + " names " + matcher.group(1) + " of " + owner);
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static ArchCondition<JavaClass> useNoRoutesOrRepositoryOfAnotherFeature() {
    return new ArchCondition<>("use no routes or repository of another feature") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = feature(item);
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          String other = feature(target);
          String name = outerName(target);
          if (other != null
              && !other.equals(own)
              && (name.endsWith("Routes") || name.endsWith("Repository"))) {
            events.add(SimpleConditionEvent.violated(item, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** The feature a class belongs to (its first package below the root), or null. */
  private static String feature(JavaClass c) {
    String pkg = c.getPackageName();
    for (String feature : FEATURES) {
      String base = ROOT + "." + feature;
      if (pkg.equals(base) || pkg.startsWith(base + ".")) {
        return feature;
      }
    }
    return null;
  }

  private static boolean isBench(JavaClass c) {
    return c.getPackageName().startsWith(ROOT + ".bench");
  }

  private static boolean isRoot(JavaClass c) {
    return c.getPackageName().equals(ROOT);
  }

  /** The simple name of the top-level class that declares a class. */
  private static String outerName(JavaClass c) {
    String name = (c.isArray() ? c.getBaseComponentType() : c).getName();
    name = name.substring(name.lastIndexOf('.') + 1);
    int dollar = name.indexOf('$');
    return dollar < 0 ? name : name.substring(0, dollar);
  }
}
