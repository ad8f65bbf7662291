package dev.claudememory.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The schemas are kept as text and sent unparsed, so each must be one line of valid JSON. */
class ToolSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everySchemaIsOneLineOfJsonDescribingAnObject() throws Exception {
    for (Tool tool : ToolCatalog.forApiKey(true).all()) {
      ToolDefinition definition = tool.definition();
      for (String schema : new String[] {definition.inputSchema(), definition.outputSchema()}) {
        assertThat(schema).as(definition.name()).doesNotContain("\n").doesNotContain("CATEGORIES");
        JsonNode parsed = JSON.readTree(schema);
        assertThat(parsed.path("type").asText()).as(definition.name()).isEqualTo("object");
      }
    }
  }

  @Test
  void theCategoryEnumListsTheSeventeenCategories() throws Exception {
    JsonNode input = JSON.readTree(new MemoryStoreTool().definition().inputSchema());
    assertThat(input.at("/properties/category/enum")).hasSize(17);
    assertThat(input.at("/properties/category/enum/0").asText()).isEqualTo("facts");
  }
}
