package dev.claudememory.core.sync;

import dev.claudememory.core.sync.FaultyRemoteApi.PushFault;

/**
 * One step of a {@link SyncModelRun}: something the user, another client, the network or the
 * operating system does. Steps name memories by number ({@code m3}), so that a step whose memory
 * is not there (its store was shrunk away, or it was deleted) simply does nothing.
 */
sealed interface SyncStep {

  void applyTo(SyncModelRun run);

  /** The user stores a new memory through the local-first service. */
  record LocalStore(int memory, boolean secret) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.localStore(memory, secret);
    }

    @Override
    public String toString() {
      return "store m" + memory + " here" + (secret ? ", a password in it" : "");
    }
  }

  /**
   * The user stores a new memory with the text another memory holds here (duplicates allowed, as
   * with {@code MEMORY_ALLOW_DUPLICATES=1}).
   */
  record LocalStoreTwin(int memory, int twinOf) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.localStoreTwin(memory, twinOf);
    }

    @Override
    public String toString() {
      return "store m" + memory + " here with the text m" + twinOf + " holds here";
    }
  }

  /**
   * The user imports new memories {@code m<first>} to {@code m<first + count - 1>} from a file;
   * with {@code sharedText} they all say the same; with {@code onServer} the file came from another
   * machine that had synced them to the same server.
   */
  record Import(int first, int count, boolean sharedText, boolean onServer) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.importMemories(first, count, sharedText, onServer);
    }

    @Override
    public String toString() {
      return "import m" + first + " to m" + (first + count - 1) + (sharedText ? ", all with one text" : "")
          + (onServer ? ", already on the server from another machine" : "");
    }
  }

  record LocalEdit(int memory, boolean secret) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.localEdit(memory, secret);
    }

    @Override
    public String toString() {
      return "edit m" + memory + " here" + (secret ? ", a password in it" : "");
    }
  }

  record LocalDelete(int memory) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.localDelete(memory);
    }

    @Override
    public String toString() {
      return "delete m" + memory + " here";
    }
  }

  /**
   * Another client stores a memory straight on the server; a late one commits with a timestamp
   * that old (within the pull overlap), as a slow transaction does.
   */
  record RemoteStore(int memory, boolean secret, int lateSeconds) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.remoteStore(memory, secret, lateSeconds);
    }

    @Override
    public String toString() {
      return "another client stores m" + memory + remotely(secret, lateSeconds);
    }
  }

  record RemoteEdit(int memory, boolean secret, int lateSeconds) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.remoteEdit(memory, secret, lateSeconds);
    }

    @Override
    public String toString() {
      return "another client edits m" + memory + remotely(secret, lateSeconds);
    }
  }

  /** Another client changes only the tags: the server keeps the content (redacted, maybe). */
  record RemoteRetag(int memory) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.remoteRetag(memory);
    }

    @Override
    public String toString() {
      return "another client changes only the tags of m" + memory;
    }
  }

  record RemoteDelete(int memory) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.remoteDelete(memory);
    }

    @Override
    public String toString() {
      return "another client deletes m" + memory;
    }
  }

  record ArmPushFault(PushFault fault) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.armPushFault(fault);
    }

    @Override
    public String toString() {
      return "arm: the next push " + fault;
    }
  }

  record FailNextPull() implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.failNextPull();
    }

    @Override
    public String toString() {
      return "arm: the next pull answers 503";
    }
  }

  record RefuseKey(boolean refused) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.refuseKey(refused);
    }

    @Override
    public String toString() {
      return refused ? "the server starts refusing the key (401)" : "the server accepts the key";
    }
  }

  /** Every call moves the clock on by this much: a slow server, against which leases must hold. */
  record SlowServer(int secondsPerCall) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.slowServer(secondsPerCall);
    }

    @Override
    public String toString() {
      return "every call now takes " + secondsPerCall + " s";
    }
  }

  record Wait(int seconds) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.waitFor(seconds);
    }

    @Override
    public String toString() {
      return seconds + " s pass";
    }
  }

  /** The syncing process runs one cycle: push, then pull. */
  record RunCycle() implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.runCycle();
    }

    @Override
    public String toString() {
      return "sync cycle";
    }
  }

  /** The process that hung before the last hand-over wakes up and runs a cycle. */
  record FormerHolderCycle() implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.formerHolderCycle();
    }

    @Override
    public String toString() {
      return "the former lease holder wakes up and runs a cycle";
    }
  }

  /** A short-lived CLI process runs {@code sync} on the same database: start, one cycle, stop. */
  record CliSync() implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.cliSync();
    }

    @Override
    public String toString() {
      return "a CLI process runs sync now";
    }
  }

  /** The process restarts over the same database: stopped gracefully, or killed (kill -9). */
  record Restart(boolean graceful) implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.restart(graceful);
    }

    @Override
    public String toString() {
      return graceful ? "stop and restart the process" : "kill -9 and restart the process";
    }
  }

  /** The syncing process hangs; its lease expires and a second process takes over. */
  record HandOver() implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.handOver();
    }

    @Override
    public String toString() {
      return "the syncing process hangs past its lease; another process takes over";
    }
  }

  /**
   * The process stops, the Python version runs on the same database and stores a memory, and the
   * process starts again (users may go back and forth).
   */
  record PythonStore(int memory, Outcome outcome) implements SyncStep {
    /** What became of the Python version's immediate POST. */
    enum Outcome {
      SYNCED("its POST succeeded"),
      ANSWER_LOST("its POST reached the server but timed out, so it queued the store"),
      OFFLINE("the server was unreachable, so it queued the store");

      private final String description;

      Outcome(String description) {
        this.description = description;
      }
    }

    @Override
    public void applyTo(SyncModelRun run) {
      run.pythonStore(memory, outcome);
    }

    @Override
    public String toString() {
      return "restart, the Python version storing m" + memory + " in between: "
          + outcome.description;
    }
  }

  /** The user retries every parked op (the CLI's retry). */
  record RetryParked() implements SyncStep {
    @Override
    public void applyTo(SyncModelRun run) {
      run.retryParked();
    }

    @Override
    public String toString() {
      return "the user retries the parked ops";
    }
  }

  private static String remotely(boolean secret, int lateSeconds) {
    return (secret ? ", a password the server redacts" : "")
        + (lateSeconds > 0 ? ", committed " + lateSeconds + " s late" : "");
  }
}
