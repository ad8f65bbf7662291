package dev.claudememory.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.transfer.ExportedMemories;
import dev.claudememory.core.transfer.ImportRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * This product's export: JSON Lines, a header line then one memory per line with every column of
 * its row, so an export imported into a fresh database gives the same rows.
 *
 * <pre>
 * {"format":"claude-memory-export","version":1,"exported_at":"…","memories":2}
 * {"id":1,"server_id":null,"content":"…","category":"facts","tags":"","expanded_keywords":"…",
 *  "importance":0.5,"is_sensitive":false,"created_at":"…","updated_at":"…"}
 * </pre>
 *
 * <p>Reading is lenient where a person may have written the file: the header is optional, and
 * only {@code content} is required ({@code category} defaults to {@code facts}, and a memory
 * without {@code created_at} is dated when it is imported). The category is kept as written,
 * whatever its name, as the exported row had it.
 */
final class JsonlFormat {
  static final String FORMAT = "claude-memory-export";
  static final int VERSION = 1;

  private JsonlFormat() {}

  /** Writes the header and each memory, telling {@code written} how many are out so far. */
  static void write(ExportedMemories exported, Writer out, IntConsumer written) throws IOException {
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.put("format", FORMAT);
    header.put("version", VERSION);
    header.put("exported_at", exported.exportedAt());
    header.put("memories", exported.memories().size());
    writeLine(header, out);
    List<Memory> memories = exported.memories();
    for (int i = 0; i < memories.size(); i++) {
      writeLine(line(memories.get(i)), out);
      written.accept(i + 1);
    }
  }

  private static ObjectNode line(Memory memory) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", memory.id().value());
    memory.serverId().ifPresentOrElse(id -> node.put("server_id", id.value()), () -> node.putNull("server_id"));
    node.put("content", memory.content());
    node.put("category", memory.category().name());
    node.put("tags", memory.tags());
    node.put("expanded_keywords", memory.expandedKeywords());
    node.put("importance", memory.importance());
    node.put("is_sensitive", memory.sensitive());
    node.put("created_at", memory.createdAt());
    node.put("updated_at", memory.updatedAt());
    return node;
  }

  private static void writeLine(ObjectNode node, Writer out) throws IOException {
    try {
      out.write(JsonFields.JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a memory could not be written as JSON", e);
    }
    out.write('\n');
  }

  static ParsedImport read(ImportFile file) {
    ParsedImport parsed = new ParsedImport();
    Optional<Header> header = Optional.empty();
    int memoryLines = 0;
    boolean first = true;
    for (ImportFile.Line line : file.lines()) {
      if (line.isBlank()) {
        continue;
      }
      boolean firstLine = first;
      first = false;
      JsonNode node;
      try {
        node = JsonFields.object(line.text());
      } catch (InvalidInputException notAnObject) {
        parsed.problem(line.number(), notAnObject.getMessage());
        memoryLines++;
        continue;
      }
      if (firstLine && node.has("format")) {
        header = readHeader(line.number(), node, parsed);
        continue;
      }
      memoryLines++;
      parsed.read(line.number(), () -> record(node));
    }
    Optional<Long> announced = header.flatMap(Header::memories);
    if (announced.isPresent() && announced.get() != memoryLines) {
      parsed.problem(
          header.get().line(),
          "the header announces " + announced.get() + " memories but the file holds " + memoryLines
              + ": it may be cut short");
    }
    return parsed;
  }

  private record Header(int line, Optional<Long> memories) {}

  private static Optional<Header> readHeader(int line, JsonNode node, ParsedImport parsed) {
    try {
      String format = JsonFields.requiredText(node, "format");
      if (!format.equals(FORMAT)) {
        throw new InvalidInputException("format", "not a claude-memory export: its format is '"
            + Content.preview(format, 40) + "'");
      }
      long version = JsonFields.optionalWholeNumber(node, "version")
          .orElseThrow(() -> new InvalidInputException("version", "the header has no version"));
      if (version != VERSION) {
        throw new InvalidInputException("version", "export format version " + version
            + " is not one this claude-memory reads (it reads version " + VERSION + ")");
      }
      return Optional.of(new Header(line, JsonFields.optionalWholeNumber(node, "memories")));
    } catch (InvalidInputException refused) {
      parsed.problem(line, refused.getMessage());
      return Optional.empty();
    }
  }

  private static ImportRecord record(JsonNode node) {
    ImportedMemory memory =
        new ImportedMemory(
            new Content(JsonFields.requiredText(node, "content")),
            new Category(JsonFields.text(node, "category", Category.DEFAULT.name())),
            JsonFields.text(node, "tags", ""),
            JsonFields.text(node, "expanded_keywords", ""),
            Importance.clamped(JsonFields.number(node, "importance", Importance.DEFAULT.value())),
            JsonFields.bool(node, "is_sensitive", false),
            JsonFields.optionalText(node, "created_at"),
            JsonFields.optionalText(node, "updated_at"));
    return new ImportRecord(memory, JsonFields.optionalWholeNumber(node, "server_id").map(ServerId::new));
  }
}
