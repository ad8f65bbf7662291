package dev.claudememory.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tool's schema says {@code additionalProperties: false}; the server holds every call to it,
 * so a misspelt argument is refused rather than dropped.
 */
class UnknownArgumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ToolCatalog CATALOG = ToolCatalog.forApiKey(true);

  static List<Tool> everyTool() {
    return CATALOG.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTool")
  void theArgumentsAcceptedAreExactlyTheSchemasProperties(Tool tool) throws Exception {
    JsonNode schema = JSON.readTree(tool.definition().inputSchema());
    List<String> properties = new ArrayList<>();
    schema.path("properties").fieldNames().forEachRemaining(properties::add);

    assertThat(schema.path("additionalProperties").asBoolean(true)).as("additionalProperties").isFalse();
    assertThat(tool.definition().argumentNames()).containsExactlyElementsOf(properties);
    ObjectNode everyDeclared = JSON.createObjectNode();
    properties.forEach(name -> everyDeclared.putNull(name));
    assertThat(CATALOG.argumentsFor(tool, everyDeclared).has(properties.isEmpty() ? "x" : properties.get(0))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyTool")
  void anUndeclaredArgumentIsRefusedNamingItAndTheAcceptedOnes(Tool tool) {
    ObjectNode values = JSON.createObjectNode();
    tool.definition().argumentNames().forEach(name -> values.put(name, "1"));
    values.put("is_sensitive", true);
    String accepted =
        tool.definition().argumentNames().isEmpty() ? "no arguments" : String.join(", ", tool.definition().argumentNames());

    assertThatThrownBy(() -> CATALOG.argumentsFor(tool, values))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unknown argument 'is_sensitive'; " + tool.definition().name() + " accepts " + accepted);
  }

  @Test
  void manyUnknownArgumentsAreCountedAfterTheFirstFive() {
    ObjectNode values = JSON.createObjectNode().put("content", "x");
    for (int i = 1; i <= 8; i++) {
      values.put("extra" + i, i);
    }

    assertThatThrownBy(() -> CATALOG.argumentsFor(new MemoryStoreTool(), values))
        .hasMessageStartingWith("unknown arguments 'extra1', 'extra2', 'extra3', 'extra4', 'extra5' and 3 more; memory_store accepts content,");
  }
}
