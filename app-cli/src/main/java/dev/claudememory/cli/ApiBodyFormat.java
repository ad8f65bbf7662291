package dev.claudememory.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.transfer.ImportRecord;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The body of the memory API's {@code POST /api/memories/import}: one JSON array of store bodies
 * ({@code content}, {@code category}, {@code tags}, {@code expanded_keywords}, {@code importance},
 * {@code force_sensitive}), checked as a store is (a known category, content and tags within the
 * API's bounds). The memories are new: the import dates them.
 */
final class ApiBodyFormat {
  /** Reads one item at a time from the array, so each is found at its own line. */
  private static final ObjectReader ITEM =
      JsonFields.JSON.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ApiBodyFormat() {}

  static ParsedImport read(ImportFile file) {
    ParsedImport parsed = new ParsedImport();
    try (JsonParser parser = JsonFields.JSON.createParser(file.text())) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        parsed.problem(line(parser), "not a JSON array of memories");
        return parsed;
      }
      int item = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        item++;
        int line = line(parser);
        JsonNode node = ITEM.readValue(parser);
        String prefix = "item " + item + ": ";
        if (node == null || !node.isObject()) {
          parsed.problem(line, prefix + "not a JSON object");
          continue;
        }
        parsed.read(line, prefix, () -> record(node));
      }
      if (parser.nextToken() != null) {
        parsed.problem(line(parser), "text after the array's end");
      }
    } catch (JsonProcessingException e) {
      parsed.problem(e.getLocation() == null ? 1 : e.getLocation().getLineNr(), JsonFields.notJson(e));
    } catch (IOException e) {
      throw new UncheckedIOException("the file's text could not be read", e);
    }
    return parsed;
  }

  private static int line(JsonParser parser) {
    return parser.currentTokenLocation().getLineNr();
  }

  private static ImportRecord record(JsonNode node) {
    return ImportRecord.of(
        ImportedMemory.of(
            new NewMemory(
                new Content(JsonFields.requiredText(node, "content")),
                Category.canonical(JsonFields.text(node, "category", Category.DEFAULT.name())),
                JsonFields.text(node, "tags", ""),
                JsonFields.text(node, "expanded_keywords", ""),
                Importance.clamped(JsonFields.number(node, "importance", Importance.DEFAULT.value())),
                JsonFields.bool(node, "force_sensitive", false))));
  }
}
