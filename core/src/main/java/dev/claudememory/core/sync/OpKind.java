package dev.claudememory.core.sync;

/** What a queued operation asks the server to do. */
public enum OpKind {
  CREATE,
  UPDATE,
  DELETE
}
