package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.Timestamps;
import java.time.Instant;
import java.util.Optional;

/**
 * One memory row of the fake server, immutable: a write replaces the row.
 *
 * @param content as stored (redacted when the server found a secret)
 * @param original as the client sent it
 * @param forcedSensitive the client asked for sensitive; kept so a later content edit stays so
 */
record Row(
    long id,
    String content,
    String original,
    String category,
    String tags,
    String expandedKeywords,
    double importance,
    boolean sensitive,
    boolean forcedSensitive,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> deletedAt) {

  Row {
    requireNonNull(content, "content");
    requireNonNull(original, "original");
    requireNonNull(category, "category");
    requireNonNull(tags, "tags");
    requireNonNull(expandedKeywords, "expandedKeywords");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    requireNonNull(deletedAt, "deletedAt");
  }

  boolean isLive() {
    return deletedAt.isEmpty();
  }

  boolean isRedacted() {
    return !content.equals(original);
  }

  Row deleted(Instant at) {
    return new Row(
        id, content, original, category, tags, expandedKeywords, importance, sensitive,
        forcedSensitive, createdAt, at, Optional.of(at));
  }

  ServerMemory view() {
    return new ServerMemory(
        id, content, original, category, tags, expandedKeywords, importance, sensitive,
        Timestamps.format(createdAt), Timestamps.format(updatedAt),
        deletedAt.map(Timestamps::format));
  }
}
