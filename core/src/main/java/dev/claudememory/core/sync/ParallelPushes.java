package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many queued ops the engine sends at once, and on which threads. Ops of different memories
 * do not depend on each other, so a queue drains in parallel over the client's keep-alive
 * connections, and new memories go many to a request through the API's import; each op is still
 * written ahead before it leaves and settled after its answer. A round of sends lasts about one
 * call, well inside the sync lease.
 *
 * @param lanes requests sent at once, at least 1
 * @param createsPerImport new memories sent in one import request; 1 sends each alone
 * @param executor runs the sends; with one lane it may be the caller's thread, with more it must
 *     run them at once
 */
public record ParallelPushes(int lanes, int createsPerImport, Executor executor) {
  /** One op at a time, on the engine's own thread. */
  public static final ParallelPushes NONE = new ParallelPushes(1, 1, Runnable::run);

  public ParallelPushes {
    requireNonNull(executor, "executor");
    if (lanes < 1 || createsPerImport < 1) {
      throw new IllegalArgumentException("lanes and createsPerImport must be at least 1: " + lanes + ", " + createsPerImport);
    }
  }

  /** {@code lanes} daemon threads, started when first needed and ended after a minute idle. */
  public static ParallelPushes onDaemonThreads(int lanes, int createsPerImport) {
    AtomicInteger started = new AtomicInteger();
    ThreadPoolExecutor threads =
        new ThreadPoolExecutor(
            lanes, lanes, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "memory-sync-push-" + started.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    threads.allowCoreThreadTimeOut(true);
    return new ParallelPushes(lanes, createsPerImport, threads);
  }
}
