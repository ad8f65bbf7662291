package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A memory object as sync, get, list and recall answer it. Boxed types, so that a missing field is
 * told apart from a zero; owner, rank, links and the like are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record MemoryBody(
    @JsonProperty("id") Long id,
    @JsonProperty("content") String content,
    @JsonProperty("category") String category,
    @JsonProperty("tags") String tags,
    @JsonProperty("expanded_keywords") String expandedKeywords,
    @JsonProperty("importance") Double importance,
    @JsonProperty("is_sensitive") Boolean sensitive,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("updated_at") String updatedAt,
    @JsonProperty("deleted_at") String deletedAt) {
  /** Never shows content, which may be a credential. */
  @Override
  public String toString() {
    return "MemoryBody[id="
        + id
        + ", category="
        + category
        + ", sensitive="
        + sensitive
        + ", updatedAt="
        + updatedAt
        + ", deletedAt="
        + deletedAt
        + "]";
  }
}
