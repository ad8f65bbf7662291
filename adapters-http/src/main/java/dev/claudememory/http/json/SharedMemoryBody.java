package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A memory in a {@code shared-with-me} answer: the memory's fields, who shared it, and how. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SharedMemoryBody(
    @JsonUnwrapped MemoryBody memory,
    @JsonProperty("shared_by") String sharedBy,
    @JsonProperty("permission") String permission) {}
