package dev.claudememory.mcp.tools;

import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.ResultBudget.Entry;

/**
 * The result texts of the Python version, kept word for word so that existing prompts, hooks and
 * habits keep working.
 */
final class Texts {
  static final String SENSITIVE_PLACEHOLDER = "[SENSITIVE - use secret_get]";

  private Texts() {}

  static String tagsOrNone(Memory memory) {
    return memory.tags().isBlank() ? "none" : memory.tags();
  }

  static String stored(Memory memory) {
    return "Stored memory #" + memory.id() + " in category '" + memory.category() + "' with importance "
        + memory.importanceDisplay();
  }

  /** A recall entry, around its content (the one part a result budget may cut). */
  static Entry recallEntry(Memory memory) {
    return new Entry(
        "#" + memory.id() + " [" + memory.category() + "] (importance: " + memory.importanceDisplay()
            + ") ",
        memory.visibleContent(),
        "\n  Tags: " + tagsOrNone(memory) + " | Stored: " + memory.createdAt());
  }

  /** A list entry, around its content (the one part a result budget may cut). */
  static Entry listEntry(Memory memory) {
    return new Entry(
        "#" + memory.id() + " [" + memory.category() + "] ",
        memory.visibleContent(),
        "\n  Importance: " + memory.importanceDisplay() + " | Tags: " + tagsOrNone(memory)
            + " | Stored: " + memory.createdAt());
  }

  /** The first 50 characters of a deleted memory; a sensitive one's are never shown. */
  static String deletedPreview(Memory memory) {
    return memory.sensitive() ? SENSITIVE_PLACEHOLDER : Content.preview(memory.content(), 50);
  }

  static String deleted(Memory memory) {
    return "Deleted memory #" + memory.id() + ": " + deletedPreview(memory) + "...";
  }

  static String notFound(long id) {
    return "Memory #" + id + " not found";
  }
}
