package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SearchTallyTest {
  @Test
  void aSeriesOfAnswersThatAllRanTheWantedSearchKeepsItsSamples() {
    SearchTally tally = new SearchTally("hybrid");
    tally.accept(answer("hybrid", null));
    tally.accept(answer("hybrid", null));
    Samples samples = new Samples();
    samples.add(1_000_000);

    assertThat(tally.mismatch()).isEmpty();
    assertThat(tally.verified(samples).medianReading(Unit.MILLISECONDS).value()).hasValue(1.0);
  }

  @Test
  void oneAnswerOfAnotherSearchLosesTheSeriesItsFigureAndSaysWhy() {
    SearchTally tally = new SearchTally("hybrid");
    tally.accept(answer("hybrid", null));
    tally.accept(answer("lexical", "the embedding model is loading"));
    tally.accept(answer("lexical", "the embedding model was unloaded"));
    Samples samples = new Samples();
    samples.add(1_000_000);

    assertThat(tally.verified(samples).medianReading(Unit.MILLISECONDS).text())
        .isEqualTo("n/a (2 of 3 answers were not hybrid, first lexical: the embedding model is loading)");
  }

  @Test
  void anAnswerThatNamesNoSearchIsNotOfTheWantedOne() {
    SearchTally tally = new SearchTally("lexical");
    tally.accept(answer(null, null));

    assertThat(tally.mismatch()).hasValue("1 of 1 answers were not lexical, first no search named: no reason given");
  }

  private static McpClient.ToolResult answer(String search, String reason) {
    ObjectNode structured = McpClient.object();
    if (search != null) {
      structured.put("search", search);
    }
    if (reason != null) {
      structured.put("search_reason", reason);
    }
    return new McpClient.ToolResult(false, "", structured);
  }
}
