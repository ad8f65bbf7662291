package dev.claudememory.http;

import java.text.MessageFormat;
import java.util.List;
import java.util.Queue;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * The test JVM's {@link System.LoggerFinder} (registered in {@code META-INF/services}): every
 * {@code System.Logger} line at every level, DEBUG and TRACE included, is kept for inspection, so a
 * test can prove what reaches a log and what never does.
 */
public final class CapturingLoggerFinder extends System.LoggerFinder {
  private final Queue<String> lines = new ConcurrentLinkedQueue<>();

  /** The finder the JDK loaded; fails when the service registration is missing. */
  static CapturingLoggerFinder installed() {
    System.LoggerFinder finder = System.LoggerFinder.getLoggerFinder();
    if (finder instanceof CapturingLoggerFinder) {
      return (CapturingLoggerFinder) finder;
    }
    throw new AssertionError("the capturing LoggerFinder is not installed: " + finder);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  void clear() {
    lines.clear();
  }

  @Override
  public System.Logger getLogger(String name, Module module) {
    return new Capturing(name);
  }

  private final class Capturing implements System.Logger {
    private final String name;

    Capturing(String name) {
      this.name = name;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level != Level.OFF;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      lines.add(level + " " + name + " " + message + (thrown == null ? "" : " " + chain(thrown)));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      String text =
          params == null || params.length == 0 ? format : MessageFormat.format(format, params);
      lines.add(level + " " + name + " " + text);
    }

    @Override
    public void log(Level level, Supplier<String> message) {
      lines.add(level + " " + name + " " + message.get());
    }
  }

  private static String chain(Throwable thrown) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      text.append(t).append(' ');
    }
    return text.toString();
  }
}
