package dev.claudememory.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for work that has run over a second, drawn only when the
 * command runs on a terminal, so scripts, pipes and logs never see it. Closing it clears its line.
 * Not thread-safe: the working thread's own.
 */
final class ProgressBar implements AutoCloseable {
  static final Duration QUIET_FOR = Duration.ofSeconds(1);
  private static final Duration REDRAW_EVERY = Duration.ofMillis(100);
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final LongSupplier nanoTime;
  private final boolean enabled;
  private final long startedAt;
  private long drawnAt;
  private int drawnLength;

  ProgressBar(PrintWriter err, String label, LongSupplier nanoTime, boolean enabled) {
    this.err = err;
    this.label = label;
    this.nanoTime = nanoTime;
    this.enabled = enabled;
    this.startedAt = nanoTime.getAsLong();
  }

  /** A bar that draws when this process runs on a terminal. */
  static ProgressBar onTerminal(PrintWriter err, String label) {
    return new ProgressBar(err, label, System::nanoTime, isTerminal());
  }

  void show(int done, int total) {
    if (!enabled || total <= 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - startedAt < QUIET_FOR.toNanos()) {
      return;
    }
    if (drawnLength > 0 && now - drawnAt < REDRAW_EVERY.toNanos() && done < total) {
      return;
    }
    int filled = (int) ((long) WIDTH * done / total);
    String line =
        String.format(
            Locale.ROOT, "%s [%s%s] %,d/%,d", label, "#".repeat(filled), "-".repeat(WIDTH - filled), done, total);
    err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
    err.flush();
    drawnAt = now;
    drawnLength = line.length();
  }

  @Override
  public void close() {
    if (drawnLength > 0) {
      err.print("\r" + " ".repeat(drawnLength) + "\r");
      err.flush();
      drawnLength = 0;
    }
  }

  /**
   * Whether standard input and output are a terminal. Up to Java 21 a console exists only then;
   * from Java 22 on it exists anyway and {@code isTerminal()}, absent before, tells.
   */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException beforeJava22) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
