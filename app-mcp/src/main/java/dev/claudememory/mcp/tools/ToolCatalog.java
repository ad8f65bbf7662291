package dev.claudememory.mcp.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools this server offers, by name, in the order {@code tools/list} shows them. */
public final class ToolCatalog {
  private final Map<String, Tool> tools = new LinkedHashMap<>();

  public ToolCatalog(List<Tool> tools) {
    tools.forEach(tool -> this.tools.put(tool.definition().name(), tool));
  }

  /** The seven tools offered in every mode. */
  public static ToolCatalog alwaysOn() {
    return new ToolCatalog(
        List.of(
            new MemoryStoreTool(),
            new MemoryRecallTool(),
            new MemoryListTool(),
            new MemoryDeleteTool(),
            new MemoryUpdateTool(),
            new SecretGetTool(),
            new MemoryCountTool()));
  }

  /** The seven tools, and the six sharing tools when an API key is set (they need the server). */
  public static ToolCatalog forApiKey(boolean apiKeySet) {
    if (!apiKeySet) {
      return alwaysOn();
    }
    List<Tool> tools = new ArrayList<>(alwaysOn().all());
    tools.addAll(
        List.of(
            new MemoryShareTool(),
            new MemoryUnshareTool(),
            new MemoryShareTagTool(),
            new MemoryUnshareTagTool(),
            new MemorySharedWithMeTool(),
            new MemoryMySharesTool()));
    return new ToolCatalog(tools);
  }

  public List<Tool> all() {
    return List.copyOf(tools.values());
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  public String names() {
    return String.join(", ", tools.keySet());
  }
}
