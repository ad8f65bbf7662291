package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ServerId;
import java.util.Optional;

/**
 * A memory as the remote API holds it. Timestamps are the server's ISO-8601 text ({@code +00:00}
 * offset); importance is as the server answers it (float4, so {@code 0.8} reads back as {@code
 * 0.800000011920929}).
 *
 * @param deletedAt set for a memory soft-deleted on the server (only in answers to a {@code since}
 *     query)
 */
public record RemoteMemory(
    ServerId id,
    String content,
    String category,
    String tags,
    String expandedKeywords,
    double importance,
    boolean sensitive,
    String createdAt,
    String updatedAt,
    Optional<String> deletedAt) {

  public RemoteMemory {
    requireNonNull(id, "id");
    requireNonNull(content, "content");
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

  /** Never shows content, which may be a credential. */
  @Override
  public String toString() {
    return "RemoteMemory[id=" + id + ", category=" + category + ", sensitive=" + sensitive
        + ", updatedAt=" + updatedAt + ", deleted=" + isDeleted() + "]";
  }
}
