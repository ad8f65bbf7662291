package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to a delete: {@code {"deleted": id, "preview": …}}; the preview is {@code [already
 * deleted]} for an id the server no longer has.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DeletedBody(
    @JsonProperty("deleted") Long deleted, @JsonProperty("preview") String preview) {}
