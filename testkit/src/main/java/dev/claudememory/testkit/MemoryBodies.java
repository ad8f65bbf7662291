package dev.claudememory.testkit;

import static dev.claudememory.testkit.Fields.Presence.DEFAULTED;
import static dev.claudememory.testkit.Fields.Presence.NULLABLE;
import static dev.claudememory.testkit.Fields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.memory.Limits;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The API's memory models: the store body and the update body, with their bounds. */
final class MemoryBodies {
  private static final double DEFAULT_IMPORTANCE = 0.5;

  private MemoryBodies() {}

  /** A store body ({@code MemoryCreate}); empty, with errors added, when it is invalid. */
  static Optional<MemoryInput> store(
      Optional<JsonNode> body, List<Object> loc, FieldErrors errors) {
    int before = errors.count();
    Optional<Fields> read = Fields.object(body, loc, errors);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = read.get();
    Optional<String> content =
        fields.string("content", REQUIRED, 1, Limits.MAX_CONTENT_CODE_POINTS);
    Optional<String> category = fields.category("category", DEFAULTED);
    Optional<String> tags = fields.string("tags", DEFAULTED, 0, Limits.MAX_TAGS_CODE_POINTS);
    Optional<String> keywords =
        fields.string("expanded_keywords", DEFAULTED, 0, Limits.MAX_TAGS_CODE_POINTS);
    OptionalDouble importance = fields.number("importance", DEFAULTED, 0, 1);
    Optional<Boolean> forceSensitive = fields.bool("force_sensitive", DEFAULTED);
    if (errors.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new MemoryInput(
            content.orElseThrow(), category.orElse("facts"), tags.orElse(""), keywords.orElse(""),
            importance.orElse(DEFAULT_IMPORTANCE), forceSensitive.orElse(false)));
  }

  /**
   * An update body ({@code MemoryUpdate}, every field optional); empty, with errors added, when
   * it is invalid. Fields the API does not update ({@code force_sensitive}) are ignored.
   */
  static Optional<MemoryChange> change(Optional<JsonNode> body, FieldErrors errors) {
    int before = errors.count();
    Optional<Fields> read = Fields.object(body, List.of("body"), errors);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = read.get();
    Optional<String> content =
        fields.string("content", NULLABLE, 1, Limits.MAX_CONTENT_CODE_POINTS);
    Optional<String> category = fields.category("category", NULLABLE);
    Optional<String> tags = fields.string("tags", NULLABLE, 0, Limits.MAX_TAGS_CODE_POINTS);
    Optional<String> keywords =
        fields.string("expanded_keywords", NULLABLE, 0, Limits.MAX_TAGS_CODE_POINTS);
    OptionalDouble importance = fields.number("importance", NULLABLE, 0, 1);
    if (errors.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new MemoryChange(content, category, tags, keywords, importance));
  }
}
