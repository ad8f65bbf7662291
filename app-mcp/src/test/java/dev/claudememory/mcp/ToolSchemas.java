package dev.claudememory.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/** The tools a server offers and the arguments each takes, as its {@code tools/list} result says. */
final class ToolSchemas {
  private ToolSchemas() {}

  /** One argument: its JSON type and the bounds its schema states. */
  record Property(
      String name,
      String type,
      List<String> allowed,
      Optional<Long> minimum,
      Optional<Long> maximum,
      OptionalInt maxLength) {}

  record ToolSchema(String name, Map<String, Property> properties, Set<String> required) {}

  /** The tools of a {@code tools/list} result, by name, in its order. */
  static Map<String, ToolSchema> of(JsonNode toolsListResult) {
    Map<String, ToolSchema> tools = new LinkedHashMap<>();
    for (JsonNode tool : toolsListResult.path("tools")) {
      JsonNode schema = tool.path("inputSchema");
      Map<String, Property> properties = new LinkedHashMap<>();
      schema.path("properties").fields().forEachRemaining(field -> {
        JsonNode property = field.getValue();
        List<String> allowed = new ArrayList<>();
        property.path("enum").forEach(value -> allowed.add(value.asText()));
        properties.put(field.getKey(), new Property(
            field.getKey(),
            property.path("type").asText(),
            List.copyOf(allowed),
            property.has("minimum") ? Optional.of(property.get("minimum").asLong()) : Optional.empty(),
            property.has("maximum") ? Optional.of(property.get("maximum").asLong()) : Optional.empty(),
            property.has("maxLength") ? OptionalInt.of(property.get("maxLength").asInt()) : OptionalInt.empty()));
      });
      Set<String> required = new TreeSet<>();
      schema.path("required").forEach(name -> required.add(name.asText()));
      String name = tool.path("name").asText();
      tools.put(name, new ToolSchema(name, properties, required));
    }
    return tools;
  }
}
