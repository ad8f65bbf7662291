package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BenchOptionsTest {
  @TempDir Path repository;

  @BeforeEach
  void aRepositoryWithTheLauncher() throws Exception {
    Files.createDirectories(repository.resolve("bin"));
    Files.writeString(repository.resolve("bin").resolve("claude-memory-mcp"), "#!/bin/sh\n");
  }

  private BenchOptions parse(String... options) {
    String[] args = new String[options.length + 2];
    args[0] = "--repository";
    args[1] = repository.toString();
    System.arraycopy(options, 0, args, 2, options.length);
    return BenchOptions.parse(args);
  }

  @Test
  void withoutOnlyEveryGroupButSyncIsMeasured() {
    BenchOptions options = parse();

    assertThat(BenchOptions.GROUPS).filteredOn(options::measures)
        .containsExactly("startup", "round-trips", "concurrency", "memory", "drain");
    assertThat(parse("--sync").measures("sync")).isTrue();
  }

  @Test
  void onlyMeasuresTheGroupsItNamesAndSyncAmongThemImpliesSync() {
    BenchOptions options = parse("--only", "drain,sync");

    assertThat(BenchOptions.GROUPS).filteredOn(options::measures).containsExactly("drain", "sync");
  }

  @Test
  void anUnknownGroupIsRefusedWithTheListOfGroups() {
    assertThatThrownBy(() -> parse("--only", "drain,speed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--only takes startup,round-trips,concurrency,memory,drain,sync; not speed");
  }
}
