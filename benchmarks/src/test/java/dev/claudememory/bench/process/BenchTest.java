package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTest {
  @Test
  void figuresByWordsTurnRecallByMeaningOffAndKeepTheirOwnSettings() {
    assertThat(Bench.byWords(Map.of("MEMORY_DB", "x.db", "MEMORY_SEMANTIC", "on")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("MEMORY_DB", "x.db", "MEMORY_SEMANTIC", "off"));
    assertThat(Bench.byWords(Map.of())).containsExactlyEntriesOf(Map.of("MEMORY_SEMANTIC", "off"));
  }
}
