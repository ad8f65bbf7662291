package dev.claudememory.http.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer in FastAPI's shape: {@code detail} is a text ({@code "Invalid API key"}) or, for
 * a validation failure, a list of {@code {"loc":[…],"msg":…}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorBody(@JsonProperty("detail") JsonNode detail) {}
