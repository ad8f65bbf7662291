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
  /** Set when something suggests the server lost data: the next cycle is a full resync. */
  static final String FULL_RESYNC_DUE = "claude_memory.full_resync_due";
  /** When the server was first found to have lost memories it had confirmed (for the notice). */
  static final String SERVER_LOST_DATA_AT = "claude_memory.server_lost_data_at";
  /** How many memories were sent to it again since. */
  static final String SERVER_LOST_DATA_SENT_AGAIN = "claude_memory.server_lost_data_sent_again";

  private SyncKeys() {}
}
