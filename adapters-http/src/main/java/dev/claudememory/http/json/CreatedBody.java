package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a create: {@code {"id","category","importance"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record CreatedBody(
    @JsonProperty("id") Long id,
    @JsonProperty("category") String category,
    @JsonProperty("importance") Double importance) {}
