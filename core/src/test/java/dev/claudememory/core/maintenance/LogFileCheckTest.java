package dev.claudememory.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LogFileCheckTest {
  private static final String INFO =
      "2026-01-24T12:00:00.000Z [memory-sync] INFO dev.claudememory.core.sync.SyncEngine - pushed"
          + " 3";
  private static final String ERROR =
      "2026-01-24T12:00:01.000Z [main] ERROR dev.claudememory.mcp.McpMain - the protocol stream"
          + " failed";

  @TempDir Path dir;

  private Path log(List<String> lines) throws Exception {
    return Files.write(dir.resolve("mcp-server.log"), lines);
  }

  private static List<String> repeated(String line, int times) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      lines.add(line + " " + i);
    }
    return lines;
  }

  @Test
  void noLogYetIsOk() {
    Check check = LogFileCheck.of(dir.resolve("mcp-server.log"));

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail()).startsWith("none at ");
  }

  @Test
  void aLogWithoutErrorsIsOkWithItsSize() throws Exception {
    Check check = LogFileCheck.of(log(repeated(INFO, 10)));

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail()).contains("KB").contains("no errors");
  }

  @Test
  void errorsAmongTheLastLinesWarnShowingTheLastOne() throws Exception {
    List<String> lines = repeated(INFO, 10);
    lines.add(ERROR + " first");
    lines.add(INFO);
    lines.add(ERROR + " second");

    Check check = LogFileCheck.of(log(lines));

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail()).contains("2 ERROR lines").endsWith(ERROR + " second");
  }

  @Test
  void errorsOlderThanTheLastLinesAreNotReported() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(ERROR);
    lines.addAll(repeated(INFO, 2_000)); // more than the 64 KiB read from the end

    Check check = LogFileCheck.of(log(lines));

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
  }
}
