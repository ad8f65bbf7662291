package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Memory;

/**
 * The fields a push sends for a memory (the body of a create or a full update).
 *
 * @param forceSensitive whether the server must store it as sensitive
 */
public record MemoryFields(
    String content,
    String category,
    String tags,
    String expandedKeywords,
    double importance,
    boolean forceSensitive) {

  public MemoryFields {
    requireNonNull(content, "content");
    requireNonNull(category, "category");
    requireNonNull(tags, "tags");
    requireNonNull(expandedKeywords, "expandedKeywords");
  }

  public static MemoryFields of(Memory memory) {
    return new MemoryFields(
        memory.content(),
        memory.category().name(),
        memory.tags(),
        memory.expandedKeywords(),
        memory.importance(),
        memory.sensitive());
  }

  /** Never shows content, which may be a credential. */
  @Override
  public String toString() {
    return "MemoryFields[category=" + category + ", importance=" + importance + ", sensitive="
        + forceSensitive + "]";
  }
}
