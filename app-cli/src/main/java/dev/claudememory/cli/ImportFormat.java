package dev.claudememory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.InvalidInputException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import picocli.CommandLine;

/** What a file to import holds. */
enum ImportFormat {
  AUTO("auto"),
  JSONL("jsonl"),
  MCP_GRAPH("mcp-graph"),
  API("api");

  final String option;

  ImportFormat(String option) {
    this.option = option;
  }

  ParsedImport read(ImportFile file) {
    switch (this) {
      case JSONL:
        return JsonlFormat.read(file);
      case MCP_GRAPH:
        return McpGraphFormat.read(file);
      case API:
        return ApiBodyFormat.read(file);
      default:
        throw new AssertionError("the format is told before reading: " + this);
    }
  }

  /**
   * The format the first line shows: an array is the API's body, an object with {@code type}
   * the graph, one with {@code format} or {@code content} this tool's export.
   */
  static Optional<ImportFormat> detect(ImportFile file) {
    Optional<String> first =
        file.lines().stream().filter(line -> !line.isBlank()).map(ImportFile.Line::text).findFirst();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    if (first.get().strip().startsWith("[")) {
      return Optional.of(API);
    }
    JsonNode node;
    try {
      node = JsonFields.object(first.get());
    } catch (InvalidInputException notAnObject) {
      return Optional.empty();
    }
    if (node.has("type")) {
      return Optional.of(MCP_GRAPH);
    }
    return node.has("format") || node.has("content") ? Optional.of(JSONL) : Optional.empty();
  }

  /** The names {@code --format} takes, for help and shell completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(format -> format.option).iterator();
    }
  }

  /** Takes the names completion offers, in any case. */
  static final class Converter implements CommandLine.ITypeConverter<ImportFormat> {
    @Override
    public ImportFormat convert(String value) {
      return Arrays.stream(values())
          .filter(format -> format.option.equalsIgnoreCase(value.strip()))
          .findFirst()
          .orElseThrow(() -> new CommandLine.TypeConversionException(
              "'" + value + "' is not a format; use auto, jsonl, mcp-graph or api"));
    }
  }
}
