package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One memory share in a {@code my-shares} answer. */
@JsonIgnoreProperties(ignoreUnknown = true)
record MemoryShareBody(
    @JsonProperty("memory_id") Long memoryId,
    @JsonProperty("shared_with") String sharedWith,
    @JsonProperty("permission") String permission,
    @JsonProperty("preview") String preview,
    @JsonProperty("created_at") String createdAt) {
  /** Never shows the preview, which is content. */
  @Override
  public String toString() {
    return "MemoryShareBody[memoryId=" + memoryId + ", sharedWith=" + sharedWith
        + ", permission=" + permission + "]";
  }
}
