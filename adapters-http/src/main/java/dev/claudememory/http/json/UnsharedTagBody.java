package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to a tag unshare: {@code {"unshared_tag", "from"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record UnsharedTagBody(
    @JsonProperty("unshared_tag") String unsharedTag, @JsonProperty("from") String from) {}
