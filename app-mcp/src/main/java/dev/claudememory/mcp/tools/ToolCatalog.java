package dev.claudememory.mcp.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tools this server offers, by name, in the order {@code tools/list} shows them. */
public final class ToolCatalog {
  private final Map<String, Tool> tools = new LinkedHashMap<>();
  /** Whether every memory tool is a call to the memory API (remote-only mode). */
  private final boolean remoteOnly;
  /** Each tool's declared argument names, read from its schema at its first call, not at the handshake. */
  private final Map<String, List<String>> declaredArguments = new ConcurrentHashMap<>();

  public ToolCatalog(List<Tool> tools, boolean remoteOnly) {
    this.remoteOnly = remoteOnly;
    tools.forEach(tool -> this.tools.put(tool.definition().name(), tool));
  }

  /** The seven tools offered in every mode. */
  private static List<Tool> alwaysOnTools() {
    return List.of(
        new MemoryStoreTool(),
        new MemoryRecallTool(),
        new MemoryListTool(),
        new MemoryDeleteTool(),
        new MemoryUpdateTool(),
        new SecretGetTool(),
        new MemoryCountTool());
  }

  /** The seven tools, and the six sharing tools when an API key is set (they need the server). */
  public static ToolCatalog forApiKey(boolean apiKeySet) {
    return forMode(apiKeySet, false);
  }

  /**
   * The tools for a mode: the seven, and the six sharing tools when an API key is set.
   *
   * @param remoteOnly whether the memory tools call the memory API rather than the local database
   */
  public static ToolCatalog forMode(boolean apiKeySet, boolean remoteOnly) {
    if (!apiKeySet) {
      return new ToolCatalog(alwaysOnTools(), false);
    }
    List<Tool> tools = new ArrayList<>(alwaysOnTools());
    tools.addAll(
        List.of(
            new MemoryShareTool(),
            new MemoryUnshareTool(),
            new MemoryShareTagTool(),
            new MemoryUnshareTagTool(),
            new MemorySharedWithMeTool(),
            new MemoryMySharesTool()));
    return new ToolCatalog(tools, remoteOnly);
  }

  /** Whether a call to the tool reaches beyond this machine, to the memory API. */
  public boolean reachesTheApi(Tool tool) {
    return tool.definition().hints().reach() == ToolHints.Reach.MEMORY_API || remoteOnly;
  }

  public List<Tool> all() {
    return List.copyOf(tools.values());
  }

  public Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /**
   * The arguments of a call to {@code tool}, refused when they hold a name its schema does not
   * declare: a misspelt flag (say {@code is_sensitive}) would otherwise be dropped and the call
   * would do something the caller did not ask for.
   *
   * @throws dev.claudememory.core.InvalidInputException naming the unknown arguments and the
   *     accepted ones
   */
  public Arguments argumentsFor(Tool tool, ObjectNode values) {
    String name = tool.definition().name();
    List<String> accepted = declaredArguments.computeIfAbsent(name, unused -> tool.definition().argumentNames());
    return Arguments.declared(values, name, accepted);
  }

  public String names() {
    return String.join(", ", tools.keySet());
  }
}
