package dev.claudememory.bench.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecallEvalOptionsTest {
  @TempDir Path repository;

  @BeforeEach
  void launchers() throws IOException {
    Files.createDirectories(repository.resolve("bin"));
    Files.writeString(repository.resolve("bin/claude-memory"), "");
    Files.writeString(repository.resolve("bin/claude-memory-mcp"), "");
  }

  @Test
  void byDefaultEveryStratumRunsLexicalThenHybrid() {
    RecallEvalOptions options = RecallEvalOptions.parse(new String[] {"--repository", repository.toString()});

    assertThat(options.strata()).containsExactlyInAnyOrder(Stratum.values());
    assertThat(options.configurations()).containsExactly(Configuration.LEXICAL, Configuration.HYBRID);
    assertThat(options.limit()).isEmpty();
    assertThat(options.json()).isEmpty();
  }

  @Test
  void strataAreNamedByLabelOrLetterAndConfigurationsKeepTheirOrder() {
    RecallEvalOptions options = RecallEvalOptions.parse(new String[] {
      "--repository", repository.toString(), "--only", "a,multi-hop,E", "--limit", "5", "--configs", "hybrid,lexical",
      "--json", "out.json"
    });

    assertThat(options.strata()).isEqualTo(Set.of(Stratum.EXACT, Stratum.MULTI_HOP, Stratum.CURRENT));
    assertThat(options.limit()).hasValue(5);
    assertThat(options.configurations()).isEqualTo(List.of(Configuration.HYBRID, Configuration.LEXICAL));
    assertThat(options.json()).hasValue(Path.of("out.json"));
  }

  @Test
  void badValuesAreRefusedWithAMessage() {
    String root = repository.toString();
    assertThatThrownBy(() -> RecallEvalOptions.parse(new String[] {"--repository", root, "--only", "f"}))
        .hasMessageContaining("--only");
    assertThatThrownBy(() -> RecallEvalOptions.parse(new String[] {"--repository", root, "--limit", "0"}))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> RecallEvalOptions.parse(new String[] {"--repository", root, "--configs", "dense"}))
        .hasMessageContaining("lexical and hybrid");
    assertThatThrownBy(() -> RecallEvalOptions.parse(new String[] {"--repository", root.concat("/nowhere")}))
        .hasMessageContaining("--repository");
  }
}
