package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to {@code GET /api/memories/shared-with-me}: {@code {"memories":[…]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SharedWithMeBody(@JsonProperty("memories") List<SharedMemoryBody> memories) {}
