package dev.claudememory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.transfer.ImportRecord;
import java.util.Locale;

/**
 * The knowledge graph of the official MCP memory server (its {@code memory.jsonl}), one entity or
 * relation per line:
 *
 * <pre>
 * {"type":"entity","name":"John_Smith","entityType":"person","observations":["Speaks fluent Spanish"]}
 * {"type":"relation","from":"John_Smith","to":"Anthropic","relationType":"works_at"}
 * </pre>
 *
 * <p>Each observation becomes a memory {@code John_Smith: Speaks fluent Spanish}, tagged with the
 * entity's name and type, in the category its type names ({@code person} is {@code people},
 * {@code project} is {@code projects}…; {@code facts} otherwise), with the type as its keyword. An
 * entity without observations becomes {@code John_Smith (person)}, so no entity is lost. Each
 * relation becomes {@code John_Smith works_at Anthropic}, tagged with both names, in {@code facts},
 * with the relation type in words as its keyword. Importance is the default; the graph has no
 * dates, so the import dates them.
 */
final class McpGraphFormat {
  private McpGraphFormat() {}

  static ParsedImport read(ImportFile file) {
    ParsedImport parsed = new ParsedImport();
    for (ImportFile.Line line : file.lines()) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = JsonFields.object(line.text());
        String type =
            JsonFields.optionalText(node, "type")
                .orElseThrow(() -> new InvalidInputException(
                    "type", "type is missing: each line is an entity or a relation"));
        if (type.equals("entity")) {
          readEntity(line.number(), node, parsed);
        } else if (type.equals("relation")) {
          parsed.read(line.number(), () -> relation(node));
        } else {
          throw new InvalidInputException(
              "type", "type '" + Content.preview(type, 40) + "' is neither entity nor relation");
        }
      } catch (InvalidInputException refused) {
        parsed.problem(line.number(), refused.getMessage());
      }
    }
    return parsed;
  }

  private static void readEntity(int line, JsonNode node, ParsedImport parsed) {
    String name = nonBlank(node, "name");
    String type = JsonFields.text(node, "entityType", "").strip();
    JsonNode observations = node.get("observations");
    if (observations != null && !observations.isNull() && !observations.isArray()) {
      throw new InvalidInputException("observations", "observations must be a list of strings");
    }
    if (observations == null || observations.isNull() || observations.isEmpty()) {
      String described = type.isEmpty() ? name : name + " (" + type + ")";
      parsed.read(line, () -> memory(described, categoryOf(type), tags(name, type), type));
      return;
    }
    for (int i = 0; i < observations.size(); i++) {
      JsonNode observation = observations.get(i);
      String prefix = "observation " + (i + 1) + " of '" + Content.preview(name, 40) + "': ";
      if (!observation.isTextual() || observation.textValue().isBlank()) {
        parsed.problem(line, prefix + "must be a string that says something");
        continue;
      }
      parsed.read(
          line,
          prefix,
          () -> memory(name + ": " + observation.textValue(), categoryOf(type), tags(name, type), type));
    }
  }

  private static ImportRecord relation(JsonNode node) {
    String from = nonBlank(node, "from");
    String to = nonBlank(node, "to");
    String relationType = nonBlank(node, "relationType");
    return memory(from + " " + relationType + " " + to, Category.DEFAULT, tags(from, to),
        relationType.replace('_', ' '));
  }

  private static ImportRecord memory(String content, Category category, String tags, String keywords) {
    return ImportRecord.of(
        ImportedMemory.of(new NewMemory(new Content(content), category, tags, keywords, Importance.DEFAULT, false)));
  }

  /** The category an entity type names, if it names one; {@code facts} otherwise. */
  static Category categoryOf(String entityType) {
    String type = entityType.toLowerCase(Locale.ROOT);
    if (type.equals("person")) {
      return Category.canonical("people");
    }
    try {
      return Category.canonical(type);
    } catch (InvalidInputException notACategory) {
      return Category.DEFAULT;
    }
  }

  /** Tags are comma-separated: a comma inside a name would split it in two. */
  private static String tags(String first, String second) {
    String firstTag = first.replace(',', ' ').strip();
    String secondTag = second.replace(',', ' ').strip();
    return secondTag.isEmpty() ? firstTag : firstTag + "," + secondTag;
  }

  private static String nonBlank(JsonNode node, String field) {
    String text = JsonFields.requiredText(node, field);
    if (text.isBlank()) {
      throw new InvalidInputException(field, field + " must not be blank");
    }
    return text;
  }
}
