package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/memories/{id}}: every field the API lets an update change. It has no
 * {@code force_sensitive}: the API takes that only at creation.
 */
record UpdateBody(
    @JsonProperty("content") String content,
    @JsonProperty("category") String category,
    @JsonProperty("tags") String tags,
    @JsonProperty("expanded_keywords") String expandedKeywords,
    @JsonProperty("importance") double importance) {
  /** Never shows content, which may be a credential. */
  @Override
  public String toString() {
    return "UpdateBody[category=" + category + ", importance=" + importance + "]";
  }
}
