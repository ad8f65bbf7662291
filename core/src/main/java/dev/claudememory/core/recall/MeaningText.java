package dev.claudememory.core.recall;

import dev.claudememory.core.memory.Memory;

/**
 * The text of a memory whose meaning is embedded: its content, then the assistant's related
 * terms and the tags. A sensitive memory's content is never embedded (a vector can be searched,
 * so it must not carry the secret): its category, tags and terms are.
 */
final class MeaningText {
  private MeaningText() {}

  static String of(Memory memory) {
    return memory.sensitive() ? withoutContent(memory) : with(memory.content(), memory);
  }

  /** The category, terms and tags alone. */
  static String withoutContent(Memory memory) {
    return with(memory.category().name(), memory);
  }

  private static String with(String first, Memory memory) {
    StringBuilder text = new StringBuilder(first);
    append(text, memory.expandedKeywords());
    append(text, memory.tags().replace(',', ' '));
    return text.toString();
  }

  private static void append(StringBuilder text, String part) {
    if (!part.isBlank()) {
      text.append('\n').append(part.strip());
    }
  }
}
