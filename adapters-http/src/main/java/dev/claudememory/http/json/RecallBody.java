package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /api/memories/recall}; no category means every category. */
record RecallBody(
    @JsonProperty("context") String context,
    @JsonProperty("expanded_query") String expandedQuery,
    @JsonProperty("category") @JsonInclude(JsonInclude.Include.NON_NULL) String category,
    @JsonProperty("sort_by") String sortBy,
    @JsonProperty("limit") int limit) {}
