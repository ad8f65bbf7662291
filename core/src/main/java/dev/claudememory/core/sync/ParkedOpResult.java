package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

/** What became of a request to retry or discard one parked op ({@link SyncControl}). */
public sealed interface ParkedOpResult {

  /** Done: the op as it is now (retried), or as it was (discarded). */
  record Done(PendingOp op) implements ParkedOpResult {
    public Done {
      requireNonNull(op, "op");
    }
  }

  /** Nothing changed. */
  record Refused(Refusal refusal, String message) implements ParkedOpResult {
    public Refused {
      requireNonNull(refusal, "refusal");
      requireNonNull(message, "message");
    }
  }

  /** Why a request about a parked op was refused. */
  enum Refusal {
    /** No op has this id (it may have been pushed, merged or discarded meanwhile). */
    NOT_FOUND,
    /** The op is queued, not parked: sync pushes it by itself. */
    NOT_PARKED,
    /** A create the server never accepted: the memory must be changed or deleted instead. */
    UNSENT_CREATE
  }
}
