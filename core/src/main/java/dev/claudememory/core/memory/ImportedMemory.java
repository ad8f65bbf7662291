package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import java.util.Optional;

/**
 * A memory brought in by an import, to be written with its fields as they were. It follows the
 * rules of a {@link NewMemory} (content within bounds, tags and expanded keywords within {@value
 * Limits#MAX_TAGS_CODE_POINTS} code points, importance clamped) except two, so that an export of a
 * database reads back as it was: the category may be any name a stored row can carry (rows pulled
 * from the server keep theirs), and the memory may carry the timestamps it was written with.
 *
 * <p>Content that looks like a credential is sensitive whatever the given flag says: when in
 * doubt, hide.
 *
 * @param createdAt ISO-8601 text, kept exactly as given; absent when the import is the memory's
 *     first writing, which then dates it
 * @param updatedAt ISO-8601 text, kept exactly as given; absent means the same as {@code createdAt}
 * @throws InvalidInputException naming the field at fault
 */
public record ImportedMemory(
    Content content,
    Category category,
    String tags,
    String expandedKeywords,
    Importance importance,
    boolean sensitive,
    Optional<String> createdAt,
    Optional<String> updatedAt) {

  public ImportedMemory {
    requireNonNull(content, "content");
    requireNonNull(category, "category");
    TextRules.requireStorable("category", category.name());
    tags = BoundedText.check("tags", tags);
    expandedKeywords = BoundedText.check("expanded_keywords", expandedKeywords);
    requireNonNull(importance, "importance");
    sensitive = sensitive || SensitiveContent.looksLikeCredential(content.text());
    requireTimestamp("created_at", createdAt);
    requireTimestamp("updated_at", updatedAt);
    if (createdAt.isEmpty() && updatedAt.isPresent()) {
      throw new InvalidInputException(
          "created_at", "created_at is missing: a memory with updated_at needs it too");
    }
  }

  /** A memory first written by the import: a new memory's fields, dated when it is written. */
  public static ImportedMemory of(NewMemory memory) {
    return new ImportedMemory(
        memory.content(),
        memory.category(),
        memory.tags(),
        memory.expandedKeywords(),
        memory.importance(),
        memory.isSensitive(),
        Optional.empty(),
        Optional.empty());
  }

  private static void requireTimestamp(String field, Optional<String> text) {
    requireNonNull(text, field);
    if (text.isPresent() && Timestamps.parse(text.get()).isEmpty()) {
      throw new InvalidInputException(
          field,
          field
              + " is not an ISO-8601 timestamp such as 2026-11-24T21:47:33.680389+00:00: '"
              + TextRules.echo(text.get())
              + "'");
    }
  }

  /** Sensitive content never reaches a message or a log line. */
  @Override
  public String toString() {
    return "ImportedMemory[category=" + category + ", sensitive=" + sensitive + ", createdAt="
        + createdAt.orElse("none") + "]";
  }
}
