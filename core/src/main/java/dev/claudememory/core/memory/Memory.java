package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A stored memory as the local database holds it. Fields found in old or pulled rows are kept as
 * they are: the category may be any name and the timestamps are the stored text.
 *
 * @param serverId the remote API's id once synced
 * @param importance 0.0 to 1.0 for rows this product wrote; shown as stored otherwise
 * @param sensitive whether the content is shown only by {@code secret_get}
 * @param createdAt ISO-8601 text in the Python version's shape (see {@link Timestamps})
 * @param updatedAt ISO-8601 text in the Python version's shape
 */
public record Memory(
    MemoryId id,
    Optional<ServerId> serverId,
    String content,
    Category category,
    String tags,
    String expandedKeywords,
    double importance,
    boolean sensitive,
    String createdAt,
    String updatedAt) {

  public Memory {
    requireNonNull(id, "id");
    requireNonNull(serverId, "serverId");
    requireNonNull(content, "content");
    requireNonNull(category, "category");
    requireNonNull(tags, "tags");
    requireNonNull(expandedKeywords, "expandedKeywords");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * What a sensitive memory shows in place of its content, word for word as the memory API masks
   * it, naming the id to give {@code secret_get}.
   */
  public static String mask(MemoryId id) {
    return "[SENSITIVE - use secret_get(id=" + id.value() + ")]";
  }

  /** The content as answers may show it: a sensitive memory's is {@link #mask masked}. */
  public String visibleContent() {
    return sensitive ? mask(id) : content;
  }

  /** This memory as recall and list answer it: a sensitive one with its content masked. */
  public Memory masked() {
    return sensitive
        ? new Memory(id, serverId, mask(id), category, tags, expandedKeywords, importance, sensitive, createdAt, updatedAt)
        : this;
  }

  /** One decimal, as the tool results show importance. */
  public String importanceDisplay() {
    return Importance.format(importance);
  }

  /** Sensitive content never reaches a result; its id and category do. */
  @Override
  public String toString() {
    return "Memory[id=" + id + ", serverId=" + serverId.map(ServerId::toString).orElse("none")
        + ", category=" + category + ", sensitive=" + sensitive + "]";
  }
}
