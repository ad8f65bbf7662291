package dev.claudememory.core.sync;

/** Names of the sync engine's values in the shared {@code sync_meta} table. */
final class SyncKeys {
  /** The pull cursor: the server time of the last pull. The Python version's name, kept. */
  static final String PULL_CURSOR = "last_sync_ts";

  static final String LAST_PUSH = "claude_memory.last_push_at";
  static final String LAST_PULL = "claude_memory.last_pull_at";
  static final String AUTH_FAILED = "claude_memory.auth_failed_at";
  static final String LAST_CONTACT = "claude_memory.last_contact_at";
  static final String LAST_ERROR = "claude_memory.last_error";
  static final String CYCLES = "claude_memory.cycles";

  private SyncKeys() {}
}
