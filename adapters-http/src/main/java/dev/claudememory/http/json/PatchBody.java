package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /api/memories/{id}} changing only some fields: absent ones are left out,
 * so the server keeps them (a sensitive memory's original content above all).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PatchBody(
    @JsonProperty("content") String content,
    @JsonProperty("category") String category,
    @JsonProperty("tags") String tags,
    @JsonProperty("expanded_keywords") String expandedKeywords,
    @JsonProperty("importance") Double importance) {
  /** Never shows content, which may be a credential. */
  @Override
  public String toString() {
    return "PatchBody[category=" + category + ", importance=" + importance + "]";
  }
}
