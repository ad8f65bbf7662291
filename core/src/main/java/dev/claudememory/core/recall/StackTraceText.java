package dev.claudememory.core.recall;

import java.util.regex.Pattern;

/**
 * Tells a pasted stack trace with nothing else said from a prompt: its frames name classes and
 * files that match memories by chance, and it asks nothing a memory could answer.
 */
final class StackTraceText {
  /** Java's, Python's, JavaScript's, Go's and Rust's frames, and the lines between them. */
  private static final Pattern FRAME =
      Pattern.compile(
          "\\s*(at\\s+\\S.*"
              + "|\\.\\.\\.\\s*\\d+\\s+(more|common frames omitted)"
              + "|File \"[^\"]*\", line \\d+.*"
              + "|Traceback \\(most recent call last\\):"
              + "|goroutine \\d+ \\[.*"
              + "|\\S+\\.(go|rs|py|js|ts|java|kt|scala|rb):\\d+.*"
              + "|\\d+:\\s+0x[0-9a-f]+.*"
              + "|stack backtrace:)");

  /** The exception's own line: its type, perhaps a message, perhaps after "Caused by:". */
  private static final Pattern EXCEPTION =
      Pattern.compile(
          "\\s*((Caused by|Suppressed):\\s*)?(Exception in thread \"[^\"]*\"\\s+)?"
              + "[\\w.$]*(Exception|Error|Throwable|Panic|panic)\\b.*"
              + "|\\s*thread '[^']*' panicked at .*");

  private static final int MIN_FRAMES = 2;

  private StackTraceText() {}

  /** Whether the text holds a stack trace and nothing else: its frames and exception lines only. */
  static boolean isAlone(String text) {
    int frames = 0;
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      if (FRAME.matcher(line).matches()) {
        frames++;
      } else if (!EXCEPTION.matcher(line).matches()) {
        return false;
      }
    }
    return frames >= MIN_FRAMES;
  }
}
