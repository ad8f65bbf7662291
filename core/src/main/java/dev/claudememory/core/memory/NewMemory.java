package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

/**
 * A memory about to be stored, valid by construction: content within bounds, a known category
 * (an alias is canonicalised), tags and expanded keywords within {@value
 * Limits#MAX_TAGS_CODE_POINTS} code points, importance clamped.
 *
 * @throws dev.claudememory.core.InvalidInputException naming the field at fault
 *
 * @param tags comma-separated tags, possibly empty
 * @param expandedKeywords space-separated related search terms, possibly empty
 * @param forceSensitive whether the caller marks it sensitive whatever the content looks like
 */
public record NewMemory(
    Content content,
    Category category,
    String tags,
    String expandedKeywords,
    Importance importance,
    boolean forceSensitive) {

  public NewMemory {
    requireNonNull(content, "content");
    // a category built from a stored row may carry any name; a write may not (the API answers 422)
    category = requireNonNull(category, "category").requireCanonical();
    requireNonNull(importance, "importance");
    tags = BoundedText.check("tags", tags);
    expandedKeywords = BoundedText.check("expanded_keywords", expandedKeywords);
  }

  /** A memory with the defaults of SPEC §3: category facts, no tags, importance 0.5. */
  public static NewMemory of(String content, String expandedKeywords) {
    return new NewMemory(
        new Content(content), Category.DEFAULT, "", expandedKeywords, Importance.DEFAULT, false);
  }

  /** Whether the memory is to be stored as sensitive (forced, or it looks like a credential). */
  public boolean isSensitive() {
    return forceSensitive || SensitiveContent.looksLikeCredential(content.text());
  }
}
