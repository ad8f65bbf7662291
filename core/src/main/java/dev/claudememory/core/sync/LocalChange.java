package dev.claudememory.core.sync;

/** A change a tool made to a memory's local row, to be queued for the server. */
public enum LocalChange {
  STORED,
  UPDATED,
  DELETED
}
