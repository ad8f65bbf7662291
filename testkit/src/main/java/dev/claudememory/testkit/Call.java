package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A routed request: the path's parameters (decoded), the query's parameters (decoded, last value
 * wins) and the JSON body, empty when none was sent.
 */
record Call(List<String> pathParameters, Map<String, String> query, Optional<JsonNode> body) {
  Call {
    pathParameters = List.copyOf(pathParameters);
    query = Map.copyOf(query);
    requireNonNull(body, "body");
  }
}
