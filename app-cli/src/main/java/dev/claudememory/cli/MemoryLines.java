package dev.claudememory.cli;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.core.recall.ResultBudget.Entry;
import dev.claudememory.core.recall.ResultBudget.Layout;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Recall and list for people: one aligned line per memory, and one for its tags. Kept under
 * {@code MEMORY_MAX_RESULT_CHARS} like the MCP server's answers, since hooks hand this output to an
 * assistant; {@code get} shows a cut memory whole.
 */
final class MemoryLines {
  private MemoryLines() {}

  /**
   * The lines, without a final line break; empty for no memories.
   *
   * @param footer the closing line, given how many memories were left out
   */
  static String render(List<Memory> memories, ResultBudget budget, IntFunction<String> footer) {
    int idWidth = memories.stream().mapToInt(memory -> memory.id().toString().length()).max().orElse(1) + 1;
    int categoryWidth =
        memories.stream().mapToInt(memory -> TerminalText.escape(memory.category().name()).length()).max().orElse(5);
    Layout layout =
        new Layout(
            shown -> "",
            "\n",
            full -> " … [cut from " + full + " characters: 'claude-memory get <id>' shows all of it]",
            footer);
    return budget.fit(memories, memory -> entry(memory, idWidth, categoryWidth), layout).text();
  }

  /** One memory, every stored text escaped ({@link TerminalText}). */
  private static Entry entry(Memory memory, int idWidth, int categoryWidth) {
    String date = memory.createdAt().length() >= 10 ? memory.createdAt().substring(0, 10) : memory.createdAt();
    String before =
        String.format(
            "%-" + idWidth + "s  %-" + categoryWidth + "s  %s  %s  ",
            "#" + memory.id(),
            TerminalText.escape(memory.category().name()),
            memory.importanceDisplay(),
            TerminalText.escape(date));
    String tags =
        memory.tags().isBlank()
            ? ""
            : "\n" + String.format("%-" + idWidth + "s  tags: %s", "", TerminalText.escape(memory.tags()).replace('\n', ' '));
    return new Entry(before, TerminalText.escape(memory.visibleContent()).replace('\n', ' '), tags);
  }
}
