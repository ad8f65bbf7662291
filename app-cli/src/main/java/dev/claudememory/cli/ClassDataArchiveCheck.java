package dev.claudememory.cli;

import dev.claudememory.core.maintenance.Check;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Properties;

/**
 * The MCP server's class-data archive, looked for where {@code bin/claude-memory-mcp} looks: {@code
 * app-mcp/target/class-data/<JAVA_VERSION>.jsa} (an AppCDS archive, JDK 17 to 24) or {@code .aot}
 * (JDK 25 and newer) in the build tree this command's jar belongs to, for the JDK this command runs
 * on (the launchers pick the same one: {@code JAVA_HOME}, else {@code java} on the path).
 */
final class ClassDataArchiveCheck {
  static final String NAME = "class-data archive";
  private static final String BUILD = "bin/claude-memory-mcp --build-class-data";

  private ClassDataArchiveCheck() {}

  /** For this process: its jar and its JDK. */
  static Check ofThisProcess() {
    Path javaHome = Path.of(System.getProperty("java.home"));
    String version = javaVersion(javaHome).orElse(System.getProperty("java.version"));
    Optional<Path> jar = cliJar();
    if (jar.isEmpty()) {
      return Check.warn(
          NAME,
          "not checked: this command is not running from its jar",
          "run it as bin/claude-memory");
    }
    return of(jar.get(), version);
  }

  /**
   * @param cliJar {@code <checkout>/app-cli/target/claude-memory-cli.jar}
   * @param javaVersion the {@code JAVA_VERSION} of the JDK's {@code release} file
   */
  static Check of(Path cliJar, String javaVersion) {
    Path checkout = cliJar.toAbsolutePath().getParent().getParent().getParent();
    Path target = checkout.resolve("app-mcp").resolve("target");
    Path serverJar = target.resolve("claude-memory-mcp.jar");
    if (!Files.isRegularFile(serverJar)) {
      return Check.warn(
          NAME, "no MCP server jar at " + serverJar, "build it: ./mvnw -q -DskipTests package");
    }
    Path archive =
        target
            .resolve("class-data")
            .resolve(javaVersion + (major(javaVersion) >= 25 ? ".aot" : ".jsa"));
    if (!Files.isRegularFile(archive)) {
      return Check.warn(
          NAME,
          "none for Java " + javaVersion + " at " + archive + ", so the MCP server starts slower",
          "build it: " + BUILD);
    }
    try {
      if (Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(serverJar)) < 0) {
        return Check.warn(
            NAME,
            archive
                + " is older than the server jar, so Java ignores it and the server starts slower",
            "rebuild it: " + BUILD);
      }
      return Check.ok(
          NAME,
          archive + " (" + Files.size(archive) / (1024 * 1024) + " MB), for Java " + javaVersion);
    } catch (IOException e) {
      return Check.warn(
          NAME, archive + " cannot be read (" + e.getMessage() + ")", "rebuild it: " + BUILD);
    }
  }

  private static Optional<Path> cliJar() {
    CodeSource source = CliMain.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      Path location = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** {@code JAVA_VERSION} from the JDK's release file, as the launcher reads it. */
  private static Optional<String> javaVersion(Path javaHome) {
    Properties release = new Properties();
    try (var in = Files.newInputStream(javaHome.resolve("release"))) {
      release.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(release.getProperty("JAVA_VERSION"))
        .map(value -> value.replace("\"", ""));
  }

  private static int major(String javaVersion) {
    String digits = javaVersion.split("[^0-9]", 2)[0];
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }
}
