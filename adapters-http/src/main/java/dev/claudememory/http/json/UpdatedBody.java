package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to an update: {@code {"updated": id}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record UpdatedBody(@JsonProperty("updated") Long updated) {}
