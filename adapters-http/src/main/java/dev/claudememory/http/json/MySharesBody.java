package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to {@code GET /api/memories/my-shares}: {@code {"memory_shares":[…],
 * "tag_shares":[…]}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record MySharesBody(
    @JsonProperty("memory_shares") List<MemoryShareBody> memoryShares,
    @JsonProperty("tag_shares") List<TagShareBody> tagShares) {}
