package dev.claudememory.core.maintenance;

/** How one doctor check came out. */
public enum CheckStatus {
  /** Nothing to do. */
  OK,
  /** Works, but something deserves attention; the check says what to do. */
  WARN,
  /** Broken: memories may be lost or unreachable until it is fixed. */
  FAIL
}
