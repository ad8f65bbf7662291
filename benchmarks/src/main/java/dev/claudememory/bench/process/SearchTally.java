package dev.claudememory.bench.process;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks every answer of a series of recalls for the search it says it ran ({@code
 * structuredContent.search}): a figure is only given for the search it names.
 *
 * <p>Not thread-safe.
 */
final class SearchTally implements Consumer<McpClient.ToolResult> {
  private final String wanted;
  private int answers;
  private int others;
  private String firstOther;

  SearchTally(String wanted) {
    this.wanted = requireNonNull(wanted, "wanted");
  }

  @Override
  public void accept(McpClient.ToolResult answer) {
    answers++;
    String search = answer.structuredContent().path("search").asText("");
    if (!search.equals(wanted)) {
      others++;
      if (firstOther == null) {
        firstOther = (search.isEmpty() ? "no search named" : search) + ": "
            + answer.structuredContent().path("search_reason").asText("no reason given");
      }
    }
  }

  /** Why the series is not of the wanted search; empty when every answer was. */
  Optional<String> mismatch() {
    if (others == 0) {
      return Optional.empty();
    }
    return Optional.of(others + " of " + answers + " answers were not " + wanted + ", first " + firstOther);
  }

  /** The samples, or none and why, when an answer ran another search. */
  Samples verified(Samples samples) {
    return mismatch().map(Samples::notMeasured).orElse(samples);
  }
}
