package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A memory as the fake API server holds it, for assertions.
 *
 * @param content what the API stores and answers: the redacted text for a memory it redacted
 * @param originalContent what the client sent, kept for {@code /secret} as the API keeps it in
 *     Vault or encrypted; equal to {@code content} unless the server redacted it
 * @param importance as stored, float4: {@code 0.8} is {@code 0.800000011920929}
 * @param createdAt the API's ISO-8601 text, {@code +00:00} offset and microseconds
 * @param deletedAt set once the memory is soft-deleted
 */
public record ServerMemory(
    long id,
    String content,
    String originalContent,
    String category,
    String tags,
    String expandedKeywords,
    double importance,
    boolean sensitive,
    String createdAt,
    String updatedAt,
    Optional<String> deletedAt) {

  public ServerMemory {
    requireNonNull(content, "content");
    requireNonNull(originalContent, "originalContent");
    requireNonNull(category, "category");
    requireNonNull(tags, "tags");
    requireNonNull(expandedKeywords, "expandedKeywords");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    requireNonNull(deletedAt, "deletedAt");
  }

  public boolean isDeleted() {
    return deletedAt.isPresent();
  }

  /** Whether the server replaced a secret in the content with {@code [REDACTED:<kind>]}. */
  public boolean isRedacted() {
    return !content.equals(originalContent);
  }
}
