package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /api/memories}. */
record StoreBody(
    @JsonProperty("content") String content,
    @JsonProperty("category") String category,
    @JsonProperty("tags") String tags,
    @JsonProperty("expanded_keywords") String expandedKeywords,
    @JsonProperty("importance") double importance,
    @JsonProperty("force_sensitive") boolean forceSensitive) {
  /** Never shows content, which may be a credential. */
  @Override
  public String toString() {
    return "StoreBody[category="
        + category
        + ", importance="
        + importance
        + ", forceSensitive="
        + forceSensitive
        + "]";
  }
}
