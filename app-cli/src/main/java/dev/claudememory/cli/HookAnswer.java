package dev.claudememory.cli;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one answer a hook process gives, and the bound on when: Claude Code waits for a hook before
 * it sends the prompt on, so a hook that is slow (a JVM on a busy machine, a locked database, an
 * input that never ends) answers nothing and exits 0 once its time is up. Whoever settles first
 * wins: the hook writing its answer, or the deadline ending the process with nothing written.
 */
final class HookAnswer {
  /**
   * From the hook's start in {@code main}: the JVM's own start-up comes before it (0.1 to 0.3 s on
   * an idle machine, more on a busy one), and Claude Code's timeout for the hook bounds the whole.
   */
  static final Duration BOUND = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(HookAnswer.class.getName());

  private final AtomicBoolean settled = new AtomicBoolean();

  private HookAnswer() {}

  /** An answer that may be given at any time: for commands other than the hooks. */
  static HookAnswer unbounded() {
    return new HookAnswer();
  }

  /**
   * An answer bounded to {@link #BOUND} from now: a daemon thread then ends
   * the process with status 0 unless an answer was claimed before.
   */
  static HookAnswer boundedFromNow() {
    HookAnswer answer = new HookAnswer();
    Instant deadline = Instant.now().plus(BOUND);
    Thread watchdog =
        new Thread(
            () -> {
              try {
                long wait = Duration.between(Instant.now(), deadline).toMillis();
                if (wait > 0) {
                  Thread.sleep(wait);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (answer.claim()) {
                // nothing was written: Claude Code sends the prompt on as it is
                LOG.log(Level.WARNING, "The hook had no answer after " + BOUND.toMillis() + " ms and added nothing");
                Runtime.getRuntime().halt(0);
              }
            },
            "hook-deadline");
    watchdog.setDaemon(true);
    watchdog.start();
    return answer;
  }

  /** Whether the caller may write the answer now; true once only, and never after the deadline. */
  boolean claim() {
    return settled.compareAndSet(false, true);
  }
}
