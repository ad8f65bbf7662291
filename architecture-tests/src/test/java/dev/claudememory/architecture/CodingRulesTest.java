package dev.claudememory.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static dev.claudememory.architecture.Hexagon.CLI_PACKAGE;
import static dev.claudememory.architecture.Hexagon.CORE_PORT;
import static dev.claudememory.architecture.Hexagon.MCP_MAIN;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** Habits of STYLE §2 that a machine can check: one rule per sentence. */
@AnalyzeClasses(
    packages = Hexagon.ROOT,
    importOptions = {ImportOption.DoNotIncludeTests.class, Hexagon.DoNotIncludeTestJars.class})
final class CodingRulesTest {

  /** McpMain owns the real stdout for the protocol; its nested classes are part of it. */
  private static final DescribedPredicate<JavaClass> MCP_MAIN_OR_CLI =
      DescribedPredicate.describe(
          "McpMain or a CLI class",
          (JavaClass javaClass) ->
              javaClass.getName().equals(MCP_MAIN)
                  || javaClass.getName().startsWith(MCP_MAIN + "$")
                  || javaClass.getPackageName().equals(CLI_PACKAGE)
                  || javaClass.getPackageName().startsWith(CLI_PACKAGE + "."));

  @ArchTest
  static final ArchRule noFieldInjection =
      GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION.because(
          "dependencies arrive through constructors into final fields");

  /**
   * ArchUnit's own NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING sees only a logger stored in a field;
   * {@code Logger.getLogger(..).info(..)} in a method passes it, so any dependency counts here.
   */
  @ArchTest
  static final ArchRule noJavaUtilLogging =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.util.logging..")
          .because("everything logs through System.Logger, which the apps bind to SLF4J")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule noStandardStreamsOutsideMcpMainAndTheCli =
      noClasses()
          .that(DescribedPredicate.not(MCP_MAIN_OR_CLI))
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("stdout carries the MCP protocol; one stray print corrupts it")
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule portsAreNamedForWhatTheyAreFor =
      classes()
          .that()
          .resideInAPackage(CORE_PORT)
          .and()
          .areInterfaces()
          .should()
          .haveNameNotMatching(".*[.$]I[A-Z][^.$]*")
          .andShould()
          .haveSimpleNameNotEndingWith("Port")
          .because("a port says what it is for: MemoryStore, not IMemoryStore or MemoryStorePort")
          .allowEmptyShould(false);
}
