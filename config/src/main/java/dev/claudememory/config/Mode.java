package dev.claudememory.config;

/** How the product uses the local database and the remote API (SPEC §2). */
public enum Mode {
  /** No API key: everything in the local database. */
  LOCAL_ONLY,
  /** An API key and sync not disabled: the local database for everything, background sync. */
  HYBRID,
  /**
   * An API key and {@code MEMORY_SYNC_DISABLE=1}: no local database, every call goes to the API.
   */
  REMOTE_ONLY
}
