package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to {@code GET /api/memories/sync}: {@code {"memories":[…],"server_time":ISO}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SyncBody(
    @JsonProperty("memories") List<MemoryBody> memories,
    @JsonProperty("server_time") String serverTime) {}
