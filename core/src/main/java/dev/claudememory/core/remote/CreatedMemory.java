package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ServerId;

/** The API's answer to a create: the new id, and the category and importance as it stored them. */
public record CreatedMemory(ServerId id, String category, double importance) {
  public CreatedMemory {
    requireNonNull(id, "id");
    requireNonNull(category, "category");
  }
}
