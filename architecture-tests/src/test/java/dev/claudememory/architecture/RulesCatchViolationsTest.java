package dev.claudememory.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.claudememory.cli.probe.McpInCliProbe;
import dev.claudememory.cli.probe.PrintingCliProbe;
import dev.claudememory.config.probe.FieldInjectionProbe;
import dev.claudememory.config.probe.PrintingConfigProbe;
import dev.claudememory.core.port.IProbeStore;
import dev.claudememory.core.port.ProbeStorePort;
import dev.claudememory.core.probe.InjectInCoreProbe;
import dev.claudememory.core.probe.JdbcInCoreProbe;
import dev.claudememory.core.probe.JulInCoreProbe;
import dev.claudememory.elsewhere.probe.StrayProbe;
import dev.claudememory.http.HttpRemoteMemoryApi;
import dev.claudememory.mcp.probe.JooqInMcpProbe;
import dev.claudememory.onnx.MiniLmModel;
import dev.claudememory.sqlite.probe.ConfigInSqliteProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule fails on a probe class that breaks it, so a rule that silently stopped matching
 * anything would show here. The probes are test classes, which the rules themselves never import.
 */
final class RulesCatchViolationsTest {

  private static List<String> violations(ArchRule rule, Class<?>... probes) {
    JavaClasses classes = new ClassFileImporter().importClasses(probes);
    EvaluationResult result = rule.evaluate(classes);
    return result.getFailureReport().getDetails();
  }

  @Test
  void coreRuleRefusesJdbcInTheCore() {
    assertThat(violations(HexagonTest.coreDependsOnlyOnTheJdkAndItself, JdbcInCoreProbe.class))
        .anyMatch(line -> line.contains("JdbcInCoreProbe") && line.contains("java.sql.Connection"));
  }

  @Test
  void adapterRuleRefusesConfigInTheSqliteAdapter() {
    assertThat(
            violations(
                HexagonTest.adaptersSeeNeitherEachOtherNorConfigNorApps,
                ConfigInSqliteProbe.class,
                // every part of the rule must see a class; the real HTTP and ONNX adapters break nothing
                HttpRemoteMemoryApi.class,
                MiniLmModel.class))
        .anyMatch(line -> line.contains("ConfigInSqliteProbe") && line.contains("config.Settings"));
  }

  @Test
  void injectionRuleRefusesAnInjectAnnotationInTheCore() {
    assertThat(violations(HexagonTest.onlyConfigUsesDependencyInjection, InjectInCoreProbe.class))
        .anyMatch(line -> line.contains("InjectInCoreProbe") && line.contains("jakarta.inject"));
  }

  @Test
  void appRuleRefusesJooqInTheMcpServer() {
    assertThat(violations(HexagonTest.appsNeverTouchJooqOkHttpOrJdbc, JooqInMcpProbe.class))
        .anyMatch(line -> line.contains("JooqInMcpProbe") && line.contains("org.jooq"));
  }

  @Test
  void appsRuleRefusesTheCliDependingOnTheMcpServer() {
    assertThat(
            violations(
                HexagonTest.appsDoNotDependOnEachOther, McpInCliProbe.class, JooqInMcpProbe.class))
        .anyMatch(line -> line.contains("McpInCliProbe") && line.contains("JooqInMcpProbe"));
  }

  @Test
  void packageRuleRefusesAClassOutsideTheHexagon() {
    assertThat(violations(HexagonTest.everyClassLivesInAKnownPartOfTheHexagon, StrayProbe.class))
        .anyMatch(line -> line.contains("StrayProbe"));
  }

  @Test
  void fieldInjectionIsRefusedEvenInConfig() {
    assertThat(violations(CodingRulesTest.noFieldInjection, FieldInjectionProbe.class))
        .anyMatch(line -> line.contains("FieldInjectionProbe.injected"));
  }

  @Test
  void javaUtilLoggingIsRefused() {
    assertThat(violations(CodingRulesTest.noJavaUtilLogging, JulInCoreProbe.class))
        .anyMatch(line -> line.contains("JulInCoreProbe") && line.contains("java.util.logging"));
  }

  @Test
  void standardStreamsAreRefusedOutsideMcpMainAndTheCliButAllowedInTheCli() {
    List<String> violations =
        violations(
            CodingRulesTest.noStandardStreamsOutsideMcpMainAndTheCli,
            PrintingConfigProbe.class,
            PrintingCliProbe.class);

    assertThat(violations).anyMatch(line -> line.contains("PrintingConfigProbe"));
    assertThat(violations).noneMatch(line -> line.contains("PrintingCliProbe"));
  }

  @Test
  void portNamesWithAnIPrefixOrAPortSuffixAreRefused() {
    List<String> violations =
        violations(
            CodingRulesTest.portsAreNamedForWhatTheyAreFor,
            IProbeStore.class,
            ProbeStorePort.class);

    assertThat(violations).anyMatch(line -> line.contains("IProbeStore"));
    assertThat(violations).anyMatch(line -> line.contains("ProbeStorePort"));
  }
}
