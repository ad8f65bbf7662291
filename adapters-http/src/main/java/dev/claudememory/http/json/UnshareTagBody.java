package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code DELETE /api/memories/share-tag}: the API takes tag and user in the body. */
record UnshareTagBody(
    @JsonProperty("tag") String tag, @JsonProperty("shared_with") String sharedWith) {}
