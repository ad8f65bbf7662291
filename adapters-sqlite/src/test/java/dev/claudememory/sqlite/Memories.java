package dev.claudememory.sqlite;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.NewMemory;
import java.time.Instant;

/** Short ways to make the memories tests store. */
final class Memories {
  static final Instant T0 = Instant.parse("2026-01-10T09:00:00.123456Z");

  private Memories() {}

  static NewMemory memory(String content) {
    return NewMemory.of(content, "");
  }

  static NewMemory memory(String content, String category, double importance) {
    return new NewMemory(
        new Content(content), Category.canonical(category), "", "", new Importance(importance),
        false);
  }

  static NewMemory sensitive(String content) {
    return new NewMemory(
        new Content(content), Category.DEFAULT, "", "", Importance.DEFAULT, true);
  }
}
