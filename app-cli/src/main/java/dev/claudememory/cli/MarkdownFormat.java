package dev.claudememory.cli;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.transfer.ExportedMemories;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A readable export: one Markdown file, a section per category (the API's categories in its
 * order, then any other name), each memory a list item with its id, importance, tags and date.
 * For reading, not for importing: JSON Lines is the lossless format. Control characters are
 * written as {@link TerminalText} escapes, so the file can be shown on a terminal as it is.
 */
final class MarkdownFormat {
  private MarkdownFormat() {}

  static void write(ExportedMemories exported, Writer out, IntConsumer written) throws IOException {
    out.write("# Memories\n\n");
    out.write("Exported " + exported.exportedAt() + ": " + count(exported.memories().size()) + ".\n");
    int done = 0;
    for (Map.Entry<String, List<Memory>> section : byCategory(exported.memories()).entrySet()) {
      out.write("\n## " + TerminalText.escape(section.getKey()).replace('\n', ' ') + " (" + section.getValue().size() + ")\n\n");
      for (Memory memory : section.getValue()) {
        out.write("- " + TerminalText.escape(memory.content().strip()).replace("\n", "\n  ") + "\n");
        out.write("  _" + TerminalText.escape(details(memory)).replace('\n', ' ') + "_\n");
        written.accept(++done);
      }
    }
  }

  private static String details(Memory memory) {
    List<String> details = new ArrayList<>();
    details.add("#" + memory.id());
    details.add("importance " + memory.importanceDisplay());
    if (!memory.tags().isBlank()) {
      details.add("tags: " + memory.tags());
    }
    details.add(memory.createdAt().length() >= 10 ? memory.createdAt().substring(0, 10) : memory.createdAt());
    if (memory.sensitive()) {
      details.add("sensitive");
    }
    return String.join(" · ", details);
  }

  private static Map<String, List<Memory>> byCategory(List<Memory> memories) {
    Comparator<String> order =
        Comparator.comparing(
                (String name) -> Category.KNOWN.contains(name) ? Category.KNOWN.indexOf(name) : Integer.MAX_VALUE)
            .thenComparing(Comparator.naturalOrder());
    Map<String, List<Memory>> sections = new LinkedHashMap<>();
    memories.stream()
        .map(memory -> memory.category().name())
        .distinct()
        .sorted(order)
        .forEach(name -> sections.put(name, new ArrayList<>()));
    memories.forEach(memory -> sections.get(memory.category().name()).add(memory));
    return sections;
  }

  private static String count(int memories) {
    return memories == 1 ? "1 memory" : memories + " memories";
  }
}
