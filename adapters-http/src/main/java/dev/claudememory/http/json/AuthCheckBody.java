package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to {@code GET /api/auth-check}; a numeric user id is read as its text. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AuthCheckBody(
    @JsonProperty("status") String status, @JsonProperty("user_id") String userId) {}
