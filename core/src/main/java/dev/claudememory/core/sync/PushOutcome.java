package dev.claudememory.core.sync;

/** What became of one queued op when it was pushed. */
public enum PushOutcome {
  /** The server has it; the op is done (or, changed meanwhile, queued again). */
  PUSHED,
  /** Not now: backed off, retried later. */
  RETRY_LATER,
  /** The API refused the key; pushes stop until it accepts one. */
  AUTH_FAILED,
  /** The server refused it for good; it waits for the user, never dropped. */
  PARKED,
  /** Nothing to send any more (the op changed or went away meanwhile). */
  SKIPPED,
  /**
   * The server refused the import it was sent in (one invalid memory refuses them all, and an
   * older server has no import): nothing was created, and the op goes alone next time.
   */
  IMPORT_REFUSED
}
