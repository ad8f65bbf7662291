package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a share: {@code {"shared": id, "with", "permission"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SharedBody(
    @JsonProperty("shared") Long shared,
    @JsonProperty("with") String with,
    @JsonProperty("permission") String permission) {}
