package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.maintenance.Check;
import dev.claudememory.core.maintenance.CheckStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive is looked for where bin/claude-memory-mcp looks, in the jar's build tree. */
final class ClassDataArchiveCheckTest {
  private static final FileTime BUILT = FileTime.from(Instant.parse("2026-01-24T12:00:00Z"));

  @TempDir Path checkout;
  private Path cliJar;
  private Path mcpTarget;

  @BeforeEach
  void buildTree() throws Exception {
    cliJar =
        Files.createDirectories(checkout.resolve("app-cli/target"))
            .resolve("claude-memory-cli.jar");
    Files.createFile(cliJar);
    mcpTarget = Files.createDirectories(checkout.resolve("app-mcp/target"));
  }

  private Path serverJar() throws Exception {
    Path jar = Files.createFile(mcpTarget.resolve("claude-memory-mcp.jar"));
    Files.setLastModifiedTime(jar, BUILT);
    return jar;
  }

  private Path archive(String name, FileTime modified) throws Exception {
    Path archive = Files.createDirectories(mcpTarget.resolve("class-data")).resolve(name);
    Files.write(archive, new byte[1024]);
    Files.setLastModifiedTime(archive, modified);
    return archive;
  }

  @Test
  void anArchiveBuiltAfterTheServerJarIsOk() throws Exception {
    serverJar();
    Path archive = archive("17.0.15.jsa", FileTime.from(BUILT.toInstant().plusSeconds(30)));

    Check check = ClassDataArchiveCheck.of(cliJar, "17.0.15");

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail()).startsWith(archive.toString()).endsWith("for Java 17.0.15");
  }

  @Test
  void javaTwentyFiveAndNewerUseTheAotCache() throws Exception {
    serverJar();
    archive("17.0.15.jsa", FileTime.from(BUILT.toInstant().plusSeconds(30)));

    Check check = ClassDataArchiveCheck.of(cliJar, "25.0.3");

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail()).contains(mcpTarget.resolve("class-data/25.0.3.aot").toString());
    assertThat(check.advice()).contains("build it: bin/claude-memory-mcp --build-class-data");
  }

  @Test
  void anArchiveOlderThanTheServerJarWarnsThatJavaIgnoresIt() throws Exception {
    serverJar();
    archive("17.0.15.jsa", FileTime.from(BUILT.toInstant().minusSeconds(30)));

    Check check = ClassDataArchiveCheck.of(cliJar, "17.0.15");

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail()).contains("older than the server jar");
  }

  @Test
  void withoutTheServerJarItSaysToBuildIt() {
    Check check = ClassDataArchiveCheck.of(cliJar, "17.0.15");

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail()).contains(mcpTarget.resolve("claude-memory-mcp.jar").toString());
  }
}
