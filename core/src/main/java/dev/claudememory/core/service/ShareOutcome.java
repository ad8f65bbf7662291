package dev.claudememory.core.service;

/** What became of a request to share or unshare one memory. */
public enum ShareOutcome {
  /** The server did it. */
  DONE,
  /** No such memory here (or, in remote-only mode, none the user owns on the server). */
  NOT_FOUND,
  /** The memory is stored locally but has not reached the server yet: sync has to push it first. */
  NOT_ON_SERVER_YET
}
