package dev.claudememory.mcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.mcp.protocol.ProtocolVersion;
import dev.claudememory.mcp.tools.ToolResult;

/** A tool's result as a protocol version has {@code tools/call} answer it. */
final class ToolResultJson {
  private final String serverVersion;

  ToolResultJson(String serverVersion) {
    this.serverVersion = serverVersion;
  }

  ObjectNode render(ToolResult result, String version) {
    ObjectNode rendered = JsonNodeFactory.instance.objectNode();
    if (ProtocolVersion.isModern(version)) {
      rendered.put("resultType", "complete");
    }
    ObjectNode text = rendered.putArray("content").addObject();
    text.put("type", "text");
    text.put("text", result.text());
    rendered.put("isError", result.isError());
    if (ProtocolVersion.hasStructuredContent(version)) {
      result.structured().ifPresent(structured -> rendered.set("structuredContent", structured));
    }
    if (ProtocolVersion.isModern(version)) {
      ObjectNode serverInfo = rendered.putObject("_meta").putObject("io.modelcontextprotocol/serverInfo");
      serverInfo.put("name", HandshakeAnswers.SERVER_NAME);
      serverInfo.put("version", serverVersion);
    }
    return rendered;
  }
}
