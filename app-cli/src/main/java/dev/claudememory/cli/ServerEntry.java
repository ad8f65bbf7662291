package dev.claudememory.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.config.SettingsParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The claude-memory MCP server as a client starts it: the launcher's absolute path, no arguments,
 * and the settings given to {@code install}. Written into Claude Code's config, and printed for
 * other clients with the API key redacted.
 *
 * @param env setting names to values, in the order given
 */
record ServerEntry(Path command, Map<String, String> env) implements McpConfigText.Value {
  static final String NAME = "claude-memory";
  static final String REDACTED = "<redacted>";

  ServerEntry {
    requireNonNull(command, "command");
    env = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(env, "env")));
  }

  /** Whether a setting holds a credential, which output never shows. */
  private static boolean isSecret(String variable) {
    return variable.equals(SettingsParser.API_KEY) || variable.equals(SettingsParser.API_KEY_ALIAS);
  }

  /** The settings given that hold a credential. */
  List<String> secretNames() {
    return env.keySet().stream().filter(ServerEntry::isSecret).toList();
  }

  /** The entry as MCP clients read it, credentials replaced when {@code redacted}. */
  ObjectNode json(boolean redacted) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", "stdio");
    node.put("command", command.toString());
    node.putArray("args");
    ObjectNode variables = node.putObject("env");
    env.forEach((name, value) -> variables.put(name, redacted && isSecret(name) ? REDACTED : value));
    return node;
  }

  /** A whole {@code mcpServers} block for other clients' JSON configuration, credentials redacted. */
  ObjectNode snippet() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.putObject(McpConfigText.SERVERS).set(NAME, json(true));
    return root;
  }

  @Override
  public String render(McpConfigText.Layout layout) {
    List<String> members = new ArrayList<>();
    members.add(member(layout, "type", McpConfigText.quote("stdio")));
    members.add(member(layout, "command", McpConfigText.quote(command.toString())));
    members.add(member(layout, "args", "[]"));
    List<String> variables = new ArrayList<>();
    env.forEach((name, value) -> variables.add(member(layout, name, McpConfigText.quote(value))));
    members.add(member(layout, "env", object(layout.nested(), variables)));
    return object(layout, members);
  }

  private static String member(McpConfigText.Layout layout, String name, String value) {
    return McpConfigText.quote(name) + layout.colon() + value;
  }

  /** An object whose members are at {@code layout}'s next level, its closing brace at its level. */
  private static String object(McpConfigText.Layout layout, List<String> members) {
    if (members.isEmpty()) {
      return "{}";
    }
    if (!layout.multiline()) {
      return "{" + String.join("," + layout.space(), members) + "}";
    }
    String lead = layout.newline() + layout.indent() + layout.unit();
    return "{" + lead + String.join("," + lead, members) + layout.newline() + layout.indent() + "}";
  }
}
