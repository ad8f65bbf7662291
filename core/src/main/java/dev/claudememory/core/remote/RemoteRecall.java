package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.recall.SortBy;
import java.util.Optional;

/** A recall the remote API runs itself (remote-only mode). */
public record RemoteRecall(
    String context, String expandedQuery, Optional<String> category, SortBy sortBy, int limit) {
  public RemoteRecall {
    requireNonNull(context, "context");
    requireNonNull(expandedQuery, "expandedQuery");
    requireNonNull(category, "category");
    requireNonNull(sortBy, "sortBy");
  }
}
