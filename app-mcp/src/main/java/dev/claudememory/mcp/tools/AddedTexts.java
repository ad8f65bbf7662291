package dev.claudememory.mcp.tools;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.core.recall.ResultBudget.Layout;
import dev.claudememory.core.recall.SortBy;

/**
 * The texts this server adds to the Python version's: around recall and list answers kept under
 * {@code MEMORY_MAX_RESULT_CHARS}, and for a store of content already held. Each says what
 * happened and what to do about it.
 */
final class AddedTexts {
  private AddedTexts() {}

  /**
   * {@code Found <n> memories (by <sort>):} as the Python version says it (but {@code 1 memory}),
   * then the entries.
   */
  static Layout recall(SortBy sortBy, ResultBudget budget) {
    return new Layout(
        shown -> "Found " + shown + (shown == 1 ? " memory" : " memories") + " (by " + sortBy.wireName() + "):",
        "\n\n",
        full -> " … [cut from " + full + " characters: recall fewer memories to read all of it]",
        more ->
            "… and " + more + " more matched; narrow the query or use category to see them, or"
                + " raise MEMORY_MAX_RESULT_CHARS (now " + budget.maxChars() + " characters)");
  }

  /** {@code Recent memories (<n> shown):} as the Python version says it, then the entries. */
  static Layout list(ResultBudget budget) {
    return new Layout(
        shown -> "Recent memories (" + shown + " shown):",
        "\n\n",
        full -> " … [cut from " + full + " characters: list fewer memories to read all of it]",
        more ->
            "… and " + more + " more not shown; use category to see others, or raise"
                + " MEMORY_MAX_RESULT_CHARS (now " + budget.maxChars() + " characters)");
  }

  /** A store that found its content in a memory already: not an error, nothing to retry. */
  static String alreadyStored(Memory existing) {
    return "Memory #" + existing.id() + " already holds this content (category '"
        + existing.category() + "'); nothing stored";
  }
}
