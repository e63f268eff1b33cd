package dev.corkboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the layering of the tree: platform below the features, the use-case vocabulary apart from
 * the HTTP adapter, features meeting only through services, and the benchmark outside the server.
 */
class ArchitectureTest {

  private static final String ROOT = "dev.corkboard";
  private static final List<String> FEATURES =
      List.of("account", "board", "pin", "media", "collage");

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
