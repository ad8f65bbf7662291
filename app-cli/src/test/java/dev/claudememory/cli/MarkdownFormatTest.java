package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.transfer.ExportedMemories;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class MarkdownFormatTest {
  private static Memory memory(long id, String content, String category, String tags, boolean sensitive) {
    return new Memory(new MemoryId(id), Optional.empty(), content, new Category(category), tags, "", 0.8, sensitive,
        "2026-11-24T21:47:33.680389+00:00", "2026-11-24T21:47:33.680389+00:00");
  }

  @Test
  void memoriesAreGroupedByCategoryInTheApisOrderThenOtherNames() throws IOException {
    List<Memory> memories =
        List.of(
            memory(1, "Kestrel deploys run on Fridays", "process", "ops,deploy", false),
            memory(2, "Pulled with an odd category", "Zeta Notes", "", false),
            memory(3, "First line\nsecond line", "facts", "", false),
            memory(4, "The garage door opens with 7731", "facts", "", true),
            memory(5, "Also odd", "Alpha Notes", "", false));
    StringWriter out = new StringWriter();

    MarkdownFormat.write(new ExportedMemories(memories, 0, "2026-11-25T08:00:00.000000+00:00"), out, written -> {});

    assertThat(out.toString())
        .isEqualTo(
            "# Memories\n\n"
                + "Exported 2026-11-25T08:00:00.000000+00:00: 5 memories.\n\n"
                + "## facts (2)\n\n"
                + "- First line\n  second line\n"
                + "  _#3 · importance 0.8 · 2026-11-24_\n"
                + "- The garage door opens with 7731\n"
                + "  _#4 · importance 0.8 · 2026-11-24 · sensitive_\n\n"
                + "## process (1)\n\n"
                + "- Kestrel deploys run on Fridays\n"
                + "  _#1 · importance 0.8 · tags: ops,deploy · 2026-11-24_\n\n"
                + "## Alpha Notes (1)\n\n"
                + "- Also odd\n"
                + "  _#5 · importance 0.8 · 2026-11-24_\n\n"
                + "## Zeta Notes (1)\n\n"
                + "- Pulled with an odd category\n"
                + "  _#2 · importance 0.8 · 2026-11-24_\n");
  }
}
