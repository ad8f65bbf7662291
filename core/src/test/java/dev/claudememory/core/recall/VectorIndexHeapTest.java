package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The index of 100,000 memories in a JVM started with the MCP server launcher's own heap flags:
 * it must fit, and leave most of the heap to the rest of the server.
 */
final class VectorIndexHeapTest {
  private static final long SEED = 0x1DE5_0100L;
  private static final Path LAUNCHER = Path.of("..", "bin", "claude-memory-mcp");
  private static final Pattern HEAP_FLAG =
      Pattern.compile("-Xm[sx]\\d+[kmg]|-Xss\\d+[kmg]|-XX:\\+Use\\w+GC|-XX:TieredStopAtLevel=\\d");
  private static final Pattern MAX_HEAP = Pattern.compile("-Xmx(\\d+)m");

  @Test
  void aHundredThousandVectorsFitInTheServersHeapWithMostOfItToSpare() throws IOException, InterruptedException {
    String launcher = Files.readString(LAUNCHER, StandardCharsets.UTF_8);
    List<String> flags = new ArrayList<>();
    Matcher flag = HEAP_FLAG.matcher(launcher);
    while (flag.find()) {
      flags.add(flag.group());
    }
    Matcher maxHeap = MAX_HEAP.matcher(launcher);
    assertThat(maxHeap.find()).as("the launcher sets the heap's limit in MB: %s", flags).isTrue();
    long maxHeapBytes = Long.parseLong(maxHeap.group(1)) << 20;

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(VectorIndexFill.class.getName());
    command.add("100000");
    command.add("384");
    command.add(Long.toString(SEED));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("filled within two minutes").isTrue();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.exitValue()).as("%s%nseed %d, flags %s", output, SEED, flags).isZero();
      long used = Long.parseLong(output.lines().findFirst().orElseThrow().trim());
      System.out.printf("100,000 x 384 vectors: %.1f MB of heap held, of a %d MB limit (%s)%n",
          used / 1048576.0, maxHeapBytes >> 20, String.join(" ", flags));
      // the vectors themselves are 38.4 MB; the server needs the rest of the heap for its own work
      assertThat(used).as("heap held by the index, seed %d", SEED).isLessThan(maxHeapBytes / 2);
    } finally {
      child.destroyForcibly();
    }
  }
}
