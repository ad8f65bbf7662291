package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /api/memories/share-tag}. */
record ShareTagBody(
    @JsonProperty("tag") String tag,
    @JsonProperty("shared_with") String sharedWith,
    @JsonProperty("permission") String permission) {}
