package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to an unshare: {@code {"unshared": id, "from"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record UnsharedBody(@JsonProperty("unshared") Long unshared, @JsonProperty("from") String from) {}
