package dev.claudememory.mcp.tools;

import dev.claudememory.core.memory.Category;
import java.util.stream.Collectors;

/**
 * Tool schemas as JSON text, kept as text: {@code tools/list} writes them as they are, so the
 * handshake parses none of them.
 */
final class SchemaText {
  private static final String CATEGORY_ENUM =
      Category.KNOWN.stream().map(name -> "\"" + name + "\"").collect(Collectors.joining(", ", "[", "]"));

  private SchemaText() {}

  /**
   * A schema written as a text block, made one line ({@code CATEGORIES} stands for the category
   * names). Line breaks in JSON text are whitespace between tokens: never inside a string.
   */
  static String of(String json) {
    return json.replace("CATEGORIES", CATEGORY_ENUM).replace('\n', ' ').strip();
  }
}
