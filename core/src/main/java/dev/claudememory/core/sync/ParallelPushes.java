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
 * connections; each op is still written ahead before it leaves and settled after its answer.
 *
 * @param lanes ops sent at once, at least 1
 * @param executor runs the sends; with one lane it may be the caller's thread
 */
public record ParallelPushes(int lanes, Executor executor) {
  /** One op at a time, on the engine's own thread. */
  public static final ParallelPushes NONE = new ParallelPushes(1, Runnable::run);

  public ParallelPushes {
    requireNonNull(executor, "executor");
    if (lanes < 1) {
      throw new IllegalArgumentException("lanes must be at least 1: " + lanes);
    }
  }

  /** {@code lanes} daemon threads, started when first needed and ended after a minute idle. */
  public static ParallelPushes onDaemonThreads(int lanes) {
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
    return new ParallelPushes(lanes, threads);
  }
}
