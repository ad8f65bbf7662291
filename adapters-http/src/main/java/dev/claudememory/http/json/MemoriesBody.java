package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to a recall or a list: {@code {"memories":[…]}} (a list adds {@code total}). */
@JsonIgnoreProperties(ignoreUnknown = true)
record MemoriesBody(@JsonProperty("memories") List<MemoryBody> memories) {}
