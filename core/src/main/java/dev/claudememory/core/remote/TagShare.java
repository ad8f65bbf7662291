package dev.claudememory.core.remote;

import static java.util.Objects.requireNonNull;

/** Every memory with a tag, shared with someone ({@code my-shares}). */
public record TagShare(String tag, String sharedWith, String permission, String createdAt) {
  public TagShare {
    requireNonNull(tag, "tag");
    requireNonNull(sharedWith, "sharedWith");
    requireNonNull(permission, "permission");
    requireNonNull(createdAt, "createdAt");
  }
}
