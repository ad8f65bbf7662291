package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import java.util.Optional;

/** The fields an update changes; at least one is present. Absent fields keep their value. */
public record MemoryPatch(
    Optional<Content> content,
    Optional<Category> category,
    Optional<String> tags,
    Optional<Importance> importance,
    Optional<String> expandedKeywords) {

  public MemoryPatch {
    requireNonNull(content, "content");
    requireNonNull(category, "category");
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
        memory.sensitive() || content.map(c -> SensitiveContent.looksLikeCredential(c.text())).orElse(false),
        memory.createdAt(),
        updatedAt);
  }
}
