package dev.claudememory.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The rules are only as good as what they see: main classes of every module, no test code. */
final class ImportedClassesTest {
  private static final JavaClasses IMPORTED =
      new ClassFileImporter()
          .withImportOption(new ImportOption.DoNotIncludeTests())
          .withImportOption(new Hexagon.DoNotIncludeTestJars())
          .importPackages(Hexagon.ROOT);

  @Test
  void importSeesTheMainClassesOfCoreAndConfig() {
    assertThat(IMPORTED.contain("dev.claudememory.core.service.MemoryService")).as("core").isTrue();
    assertThat(IMPORTED.contain("dev.claudememory.core.port.MemoryStore")).as("core port").isTrue();
    assertThat(IMPORTED.contain("dev.claudememory.config.Settings")).as("config").isTrue();
  }

  @Test
  void importSeesEveryModuleWhoseClassesAreOnTheClasspath() {
    for (String part :
        new String[] {
          Hexagon.CORE, Hexagon.SQLITE, Hexagon.HTTP, Hexagon.CONFIG, Hexagon.MCP, Hexagon.CLI
        }) {
      if (Hexagon.present(part)) {
        String packagePrefix = part.substring(0, part.length() - 1);
        assertThat(
                StreamSupport.stream(IMPORTED.spliterator(), false)
                    .anyMatch(javaClass -> javaClass.getName().startsWith(packagePrefix)))
            .as("classes of %s are on the classpath and must be imported", part)
            .isTrue();
      }
    }
  }

  @Test
  void importLeavesOutTestCode() {
    assertThat(
            StreamSupport.stream(IMPORTED.spliterator(), false)
                .map(JavaClass::getName)
                .filter(
                    name ->
                        name.startsWith("dev.claudememory.architecture.")
                            || name.contains(".probe.")
                            || name.endsWith("Test")
                            || name.endsWith("IT"))
                .collect(Collectors.toList()))
        .isEmpty();
  }

  @Test
  void testJarsAndTestClassDirectoriesAreRecognisedAsTestCode() {
    assertThat(Hexagon.isTestCode("jar:file:/r/core-0.1.0-SNAPSHOT-tests.jar!/dev/x/A.class"))
        .isTrue();
    assertThat(Hexagon.isTestCode("file:/w/core/target/test-classes/dev/x/A.class")).isTrue();
    assertThat(Hexagon.isTestCode("jar:file:/r/core-0.1.0-SNAPSHOT.jar!/dev/x/A.class")).isFalse();
    assertThat(Hexagon.isTestCode("file:/w/core/target/classes/dev/x/A.class")).isFalse();
  }
}
