package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        .containsExactly("startup", "round-trips", "concurrency", "memory", "meaning", "hook", "drain");
    assertThat(parse("--sync").measures("sync")).isTrue();
  }

  @Test
  void onlyMeasuresTheGroupsItNamesAndSyncAmongThemImpliesSync() {
    BenchOptions options = parse("--only", "drain,sync");

    assertThat(BenchOptions.GROUPS).filteredOn(options::measures).containsExactly("drain", "sync");
  }

  @Test
  void onlyMeaningMeasuresRecallByMeaningAlone() {
    BenchOptions options = parse("--only", "meaning");

    assertThat(BenchOptions.GROUPS).filteredOn(options::measures).containsExactly("meaning");
  }

  @Test
  void javaOptionsGoToOurServerAloneAndNeverOverASettingOfTheFigure() {
    BenchOptions options = parse("--java-opts", "-Xmx256m", "--vs", "other-server");
    ServerCommand ours = ServerCommand.ours(repository);
    ServerCommand other = ServerCommand.other("other-server");
    Bench bench = new Bench(options, null, List.of(ours, other), System.err);

    assertThat(options.javaOptions()).hasValue("-Xmx256m");
    assertThat(bench.settingsFor(ours, Map.of("MEMORY_DB", "x.db")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("MEMORY_DB", "x.db", "MEMORY_JAVA_OPTS", "-Xmx256m"));
    assertThat(bench.settingsFor(other, Map.of())).isEmpty();
    assertThat(bench.settingsFor(ours, Map.of("MEMORY_JAVA_OPTS", "-Xmx512m")))
        .containsExactlyEntriesOf(Map.of("MEMORY_JAVA_OPTS", "-Xmx512m"));
    assertThat(parse().javaOptions()).isEmpty();
  }

  @Test
  void anUnknownGroupIsRefusedWithTheListOfGroups() {
    assertThatThrownBy(() -> parse("--only", "drain,speed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--only takes startup,round-trips,concurrency,memory,meaning,hook,drain,sync; not speed");
  }

  @Test
  void onlyHookMeasuresThePromptHookAloneAndBuildsNoCorpus() {
    BenchOptions options = parse("--only", "hook");

    assertThat(BenchOptions.GROUPS).filteredOn(options::measures).containsExactly("hook");
    assertThat(options.needsCorpus()).isFalse();
    assertThat(parse("--only", "hook,startup").needsCorpus()).isTrue();
  }
}
