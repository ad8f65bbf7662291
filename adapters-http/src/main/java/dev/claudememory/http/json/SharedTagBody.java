package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a tag share: {@code {"shared_tag", "with", "permission"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SharedTagBody(
    @JsonProperty("shared_tag") String sharedTag,
    @JsonProperty("with") String with,
    @JsonProperty("permission") String permission) {}
