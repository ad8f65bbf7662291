package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import java.util.Optional;

/**
 * The fields an update changes; at least one is present. Absent fields keep their value. Present
 * fields follow the rules of {@link NewMemory}.
 *
 * @throws InvalidInputException naming the field at fault, or {@code fields} when none is given
 */
public record MemoryPatch(
    Optional<Content> content,
    Optional<Category> category,
    Optional<String> tags,
    Optional<Importance> importance,
    Optional<String> expandedKeywords) {

  public MemoryPatch {
    requireNonNull(content, "content");
    // as for a new memory: only a known category may be written
    category = requireNonNull(category, "category").map(Category::requireCanonical);
    requireNonNull(importance, "importance");
    tags = requireNonNull(tags, "tags").map(text -> BoundedText.check("tags", text));
    expandedKeywords =
        requireNonNull(expandedKeywords, "expandedKeywords")
            .map(text -> BoundedText.check("expanded_keywords", text));
    if (content.isEmpty()
        && category.isEmpty()
        && tags.isEmpty()
        && importance.isEmpty()
        && expandedKeywords.isEmpty()) {
      throw new InvalidInputException(
          "fields",
          "nothing to update: give at least one of content, category, tags, importance,"
              + " expanded_keywords");
    }
  }

  /** The memory as it reads after this patch. */
  public Memory applyTo(Memory memory, String updatedAt) {
    String newContent = content.map(Content::text).orElse(memory.content());
    return new Memory(
        memory.id(),
        memory.serverId(),
        newContent,
        category.orElse(memory.category()),
        tags.orElse(memory.tags()),
        expandedKeywords.orElse(memory.expandedKeywords()),
        importance.map(Importance::value).orElse(memory.importance()),
        // once sensitive, always: the flag may have been forced, and the row does not say so
        memory.sensitive()
            || content.map(c -> SensitiveContent.looksLikeCredential(c.text())).orElse(false),
        memory.createdAt(),
        updatedAt);
  }
}
