package dev.claudememory.config;

/** Whether an opened service runs the background sync itself. */
public enum SyncRole {
  /** A long-lived process (the MCP server, an embedding product): syncs in the background. */
  BACKGROUND,
  /**
   * A short-lived command: its writes are queued in the database, and a running server (or the
   * next one) pushes them, so the command never waits on the network at exit.
   */
  QUEUE_ONLY
}
