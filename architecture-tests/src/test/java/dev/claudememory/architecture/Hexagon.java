package dev.claudememory.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.regex.Pattern;

/** The parts of the hexagon by package (STYLE §1), and what the rules import. */
final class Hexagon {
  static final String ROOT = "dev.claudememory";
  static final String CORE = "dev.claudememory.core..";
  static final String CORE_PORT = "dev.claudememory.core.port..";
  static final String SQLITE = "dev.claudememory.sqlite..";
  static final String HTTP = "dev.claudememory.http..";
  static final String ONNX = "dev.claudememory.onnx..";
  static final String CONFIG = "dev.claudememory.config..";
  static final String MCP = "dev.claudememory.mcp..";
  static final String CLI = "dev.claudememory.cli..";
  static final String CLI_PACKAGE = "dev.claudememory.cli";
  static final String MCP_MAIN = "dev.claudememory.mcp.McpMain";

  private Hexagon() {}

  /**
   * Whether a module's main classes for {@code pattern} (a {@code ..}-ended package) are on the
   * classpath. A rule over a part that exists must see classes; one over a part not written yet may
   * be empty, and becomes strict by itself once the part is there.
   */
  static boolean present(String pattern) {
    String directory = pattern.substring(0, pattern.length() - 2).replace('.', '/');
    try {
      for (URL url : Collections.list(Hexagon.class.getClassLoader().getResources(directory))) {
        if (!isTestCode(url.toString())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the classpath for " + directory, e);
    }
  }

  private static final Pattern TEST_JAR = Pattern.compile(".*-tests?\\.jar(!/.*)?$");

  static boolean isTestCode(String location) {
    return location.contains("/test-classes/") || TEST_JAR.matcher(location).matches();
  }

  /**
   * Leaves out test jars (such as core's {@code -tests.jar} of in-memory fakes), which {@link
   * ImportOption.DoNotIncludeTests} does not recognise: the rules are about main code only.
   */
  static final class DoNotIncludeTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !isTestCode(location.toString());
    }
  }
}
