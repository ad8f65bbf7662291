package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher starts the server from the class-data archive the build trained (AppCDS on JDK 17
 * to 24, the AOT cache on 25 and newer). A JVM silently ignores an archive that does not match its
 * flags or jar, so this runs with {@code -Xshare:on} / {@code -XX:AOTMode=on}, which fail loudly,
 * and checks that the server's own classes came from the archive.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
final class ClassDataArchiveIT {
  /** JDK 17 prints {@code source: shared objects file (top)} for a dynamic archive, JDK 25 without the suffix. */
  private static final Pattern FROM_ARCHIVE =
      Pattern.compile("\\[class,load\\] dev\\.claudememory\\.mcp\\.McpServer source: shared objects file.*");

  @RegisterExtension final McpProcesses servers = new McpProcesses();
  @TempDir Path folder;

  @Test
  void theLauncherLoadsTheServerFromTheTrainedClassDataArchive() throws Exception {
    Path archive = trainedArchive();
    assertThat(archive).as("the package phase trains the archive with bin/claude-memory-mcp --build-class-data").exists();
    Path classLoadLog = folder.resolve("class-load.log");
    String mustMap = Runtime.version().feature() >= 25 ? "-XX:AOTMode=on" : "-Xshare:on";

    McpProcess server =
        servers.startLauncher(folder, Map.of("MEMORY_JAVA_OPTS", mustMap + " -Xlog:class+load=info:file=" + classLoadLog));
    server.initialize(HandshakeIT.LATEST);
    int tools = server.request("tools/list", null).path("result").path("tools").size();
    int status = server.closeInputAndWait(Duration.ofSeconds(30));

    assertThat(tools).isEqualTo(7);
    assertThat(status).as("stderr:\n%s", server.stderr()).isZero();
    List<String> log = Files.readAllLines(classLoadLog);
    assertThat(log)
        .as("McpServer loaded from %s; its load line was: %s", archive, loadLine(log))
        .anyMatch(line -> FROM_ARCHIVE.matcher(line).find());
  }

  private static String loadLine(List<String> log) {
    return log.stream().filter(line -> line.contains(" dev.claudememory.mcp.McpServer ")).findFirst().orElse("(none)");
  }

  /** Where the launcher looks for this JDK's archive: target/class-data/{JAVA_VERSION}.jsa or .aot. */
  private static Path trainedArchive() throws Exception {
    Path javaHome = Path.of(System.getProperty("java.home"));
    String release = Files.readString(javaHome.resolve("release"));
    Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(.*)\"$").matcher(release);
    assertThat(version.find()).as("JAVA_VERSION in %s/release", javaHome).isTrue();
    String suffix = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
    Path launcher = Path.of(System.getProperty("mcp.launcher")).toRealPath();
    return launcher.getParent().resolve("../app-mcp/target/class-data").normalize().resolve(version.group(1) + suffix);
  }
}
