package dev.claudememory.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The Java setups a launcher in {@code bin/} may find on a user's machine, made in a folder of the
 * test's: a {@code JAVA_HOME} that holds no JDK, one that holds a JDK too old to run the product,
 * and a {@code PATH} with the shell tools a launcher uses but no {@code java} on it.
 */
public final class JavaInstalls {
  /** What a launcher runs besides {@code java}, found on this machine's PATH. */
  private static final List<String> SHELL_TOOLS = List.of("bash", "env", "dirname", "readlink", "sed");

  private final Path folder;

  public JavaInstalls(Path folder) {
    this.folder = folder;
  }

  /** A folder set as {@code JAVA_HOME} by mistake: it exists, but has no {@code bin/java}. */
  public Path notAJdk() throws IOException {
    return Files.createDirectories(folder.resolve("not-a-jdk"));
  }

  /**
   * A JDK of this version, as its {@code release} file names it, whose {@code bin/java} says so and
   * fails if a launcher runs it anyway ({@code 11.0.22}, {@code 1.8.0_392}).
   */
  public Path oldJdk(String version) throws IOException {
    Path home = Files.createDirectories(folder.resolve("jdk-" + version));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n", StandardCharsets.UTF_8);
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\necho 'openjdk version \"" + version + "\"' >&2\n"
            + "echo 'Error: this JVM is too old for class file version 61.0' >&2\nexit 1\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  /** A PATH holding the shell tools a launcher needs and no {@code java}. */
  public String pathWithoutJava() throws IOException {
    Path bin = Files.createDirectories(folder.resolve("path-without-java"));
    for (String tool : SHELL_TOOLS) {
      Path link = bin.resolve(tool);
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, onThisPath(tool));
      }
    }
    return bin.toString();
  }

  private static Path onThisPath(String tool) {
    for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, tool);
      if (Files.isExecutable(candidate)) {
        return candidate.toAbsolutePath();
      }
    }
    throw new IllegalStateException(tool + " is not on this machine's PATH");
  }
}
