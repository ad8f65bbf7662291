package dev.claudememory.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.claudememory.architecture.Hexagon.CLI;
import static dev.claudememory.architecture.Hexagon.CONFIG;
import static dev.claudememory.architecture.Hexagon.CORE;
import static dev.claudememory.architecture.Hexagon.HTTP;
import static dev.claudememory.architecture.Hexagon.MCP;
import static dev.claudememory.architecture.Hexagon.ONNX;
import static dev.claudememory.architecture.Hexagon.SQLITE;
import static dev.claudememory.architecture.Hexagon.present;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/** The arrows of STYLE §1 point inwards only: one rule per sentence. */
@AnalyzeClasses(
    packages = Hexagon.ROOT,
    importOptions = {ImportOption.DoNotIncludeTests.class, Hexagon.DoNotIncludeTestJars.class})
final class HexagonTest {

  /** JDBC and HTTP are in the JDK, but belong to the adapters. */
  private static final DescribedPredicate<JavaClass> JDK_WITHOUT_IO_TECHNOLOGY =
      JavaClass.Predicates.resideInAnyPackage("java..")
          .and(
              DescribedPredicate.not(
                  JavaClass.Predicates.resideInAnyPackage("java.sql..", "java.net.http..")))
          .as("the JDK (without java.sql or java.net.http)");

  @ArchTest
  static final ArchRule coreDependsOnlyOnTheJdkAndItself =
      classes()
          .that()
          .resideInAPackage(CORE)
          .should()
          .onlyDependOnClassesThat(
              JavaClass.Predicates.resideInAPackage(CORE).or(JDK_WITHOUT_IO_TECHNOLOGY))
          .because("the core is plain Java that any product can embed and wire by hand")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule adaptersSeeNeitherEachOtherNorConfigNorApps =
      CompositeArchRule.of(
              noClasses()
                  .that()
                  .resideInAPackage(SQLITE)
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(HTTP, ONNX, CONFIG, MCP, CLI)
                  .allowEmptyShould(!present(SQLITE)))
          .and(
              noClasses()
                  .that()
                  .resideInAPackage(HTTP)
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(SQLITE, ONNX, CONFIG, MCP, CLI)
                  .allowEmptyShould(!present(HTTP)))
          .and(
              noClasses()
                  .that()
                  .resideInAPackage(ONNX)
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(SQLITE, HTTP, CONFIG, MCP, CLI)
                  .allowEmptyShould(!present(ONNX)))
          .because("an adapter implements core ports and knows nothing else");

  @ArchTest
  static final ArchRule onlyConfigUsesDependencyInjection =
      noClasses()
          .that()
          .resideOutsideOfPackage(CONFIG)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dagger..", "javax.inject..", "jakarta.inject..")
          .because("core and adapters carry no DI annotations; config alone wires them")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule appsNeverTouchJooqOkHttpOrJdbc =
      noClasses()
          .that()
          .resideInAnyPackage(MCP, CLI)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.jooq..", "okhttp3..", "java.sql..", "ai.onnxruntime..")
          .because("apps reach storage, the network and the model only through core services")
          .allowEmptyShould(!present(MCP) && !present(CLI));

  @ArchTest
  static final ArchRule appsDoNotDependOnEachOther =
      CompositeArchRule.of(
              noClasses()
                  .that()
                  .resideInAPackage(MCP)
                  .should()
                  .dependOnClassesThat()
                  .resideInAPackage(CLI)
                  .allowEmptyShould(!present(MCP)))
          .and(
              noClasses()
                  .that()
                  .resideInAPackage(CLI)
                  .should()
                  .dependOnClassesThat()
                  .resideInAPackage(MCP)
                  .allowEmptyShould(!present(CLI)))
          .because("each app is a separate entry point over config and core");

  @ArchTest
  static final ArchRule everyClassLivesInAKnownPartOfTheHexagon =
      classes()
          .should()
          .resideInAnyPackage(CORE, SQLITE, HTTP, ONNX, CONFIG, MCP, CLI)
          .because("a class outside these packages would escape every rule above")
          .allowEmptyShould(false);
}
