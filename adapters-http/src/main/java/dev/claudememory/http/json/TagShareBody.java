package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One tag share in a {@code my-shares} answer. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TagShareBody(
    @JsonProperty("tag") String tag,
    @JsonProperty("shared_with") String sharedWith,
    @JsonProperty("permission") String permission,
    @JsonProperty("created_at") String createdAt) {}
