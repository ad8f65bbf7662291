package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /api/memories/{id}/share}. */
record ShareBody(
    @JsonProperty("shared_with") String sharedWith,
    @JsonProperty("permission") String permission) {}
