package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.MemoryException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs the sync engine on a thread of its own: a full cycle at once and then every interval, a
 * push as soon as a local write wakes it, and a cheap look at the queue every tick for work that
 * other processes on the same file queued or that a backoff made due. Start-up and tool calls
 * never wait for it.
 */
public final class SyncScheduler implements BackgroundSync {
  private static final System.Logger LOG = System.getLogger(SyncScheduler.class.getName());

  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  private final SyncEngine engine;
  private final Clock clock;
  private final Duration interval;
  private final Duration tick;
  private final Semaphore wakeups = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running = true;
  /** The failure logged last, while it repeats; read and written by the sync thread and close(). */
  private volatile String lastFailure;

  public SyncScheduler(SyncEngine engine, Clock clock, Duration interval, Duration tick, ThreadFactory threads) {
    this.engine = requireNonNull(engine, "engine");
    this.clock = requireNonNull(clock, "clock");
    this.interval = requireNonNull(interval, "interval");
    this.tick = requireNonNull(tick, "tick");
    this.thread = threads.newThread(this::loop);
  }

  public void start() {
    thread.start();
  }

  @Override
  public void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  @Override
  public Optional<SyncStatus> status() {
    return Optional.of(engine.status());
  }

  /**
   * Stops the thread and gives up the lease. A request in flight is not waited for beyond a short
   * bound: its attempt was recorded before it left, so the next run reconciles it.
   */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    guarded("releasing the sync lease", engine::stop);
  }

  private void loop() {
    guarded("preparing the sync queue", engine::start);
    Instant nextCycle = clock.instant();
    while (running) {
      if (!clock.instant().isBefore(nextCycle)) {
        guarded("a sync cycle", engine::runCycle);
        nextCycle = clock.instant().plus(interval);
      }
      boolean woken;
      try {
        woken = wakeups.tryAcquire(tick.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return; // closing
      }
      wakeups.drainPermits();
      if (running && (woken || dueWork())) {
        guarded("a push", engine::push);
      }
    }
  }

  private boolean dueWork() {
    try {
      return engine.hasDueWork();
    } catch (RuntimeException e) {
      if (running) {
        LOG.log(Level.WARNING, "could not read the sync queue: " + e.getMessage());
      }
      return false;
    }
  }

  /**
   * A failed cycle is logged and tried again later; it never ends the thread. A failure that
   * repeats every cycle (a read-only database, a full disk) is logged once, until it changes or
   * the work succeeds again. Our own failures are told in one line; only a bug's carries its trace.
   */
  private void guarded(String what, Runnable work) {
    try {
      work.run();
      if (lastFailure != null) {
        lastFailure = null;
        LOG.log(Level.INFO, what + " succeeded again; sync resumes");
      }
    } catch (RuntimeException e) {
      if (!running && Thread.currentThread().isInterrupted()) {
        // cut short by close(), whose interrupt stops this thread: the next start redoes the work
        LOG.log(Level.DEBUG, () -> what + " stopped by the shutdown: " + e.getMessage());
        return;
      }
      String failure = String.valueOf(e.getMessage());
      if (failure.equals(lastFailure)) {
        LOG.log(Level.DEBUG, () -> what + " failed again: " + failure);
        return;
      }
      lastFailure = failure;
      if (e instanceof MemoryException) {
        LOG.log(Level.WARNING, what + " failed: " + failure + " (logged once while it repeats)");
        LOG.log(Level.DEBUG, () -> what + " failed", e);
      } else {
        LOG.log(Level.WARNING, what + " failed: " + failure, e);
      }
    }
  }
}
