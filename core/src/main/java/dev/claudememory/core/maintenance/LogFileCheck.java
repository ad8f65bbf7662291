package dev.claudememory.core.maintenance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The MCP server's log file: there or not, its size, and errors among its last lines. */
public final class LogFileCheck {
  static final String NAME = "log file";

  /** Enough for the last few hundred lines, small enough to read at once. */
  private static final int TAIL_BYTES = 64 * 1024;

  private static final int LINES = 200;
  private static final int SHOWN_CHARACTERS = 200;

  private LogFileCheck() {}

  public static Check of(Path logFile) {
    if (!Files.exists(logFile)) {
      return Check.ok(NAME, "none at " + logFile + " (the MCP server writes it once it runs)");
    }
    List<String> lines;
    long size;
    try {
      size = Files.size(logFile);
      lines = lastLines(logFile, size);
    } catch (IOException e) {
      return Check.warn(
          NAME,
          logFile + " cannot be read (" + e.getMessage() + ")",
          "make it readable by this user: chmod 600 " + logFile);
    }
    List<String> errors =
        lines.stream().filter(line -> line.contains(" ERROR ")).collect(Collectors.toList());
    String summary = logFile + ", " + kilobytes(size);
    if (errors.isEmpty()) {
      return Check.ok(NAME, summary + "; no errors in its last " + LINES + " lines");
    }
    String last = errors.get(errors.size() - 1).strip();
    if (last.length() > SHOWN_CHARACTERS) {
      last = last.substring(0, SHOWN_CHARACTERS) + "…";
    }
    return Check.warn(
        NAME,
        summary
            + "; "
            + errors.size()
            + " ERROR lines in its last "
            + LINES
            + ", the last: "
            + last,
        "read " + logFile + " around those lines");
  }

  private static List<String> lastLines(Path logFile, long size) throws IOException {
    int length = (int) Math.min(size, TAIL_BYTES);
    ByteBuffer tail = ByteBuffer.allocate(length);
    try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
      channel.position(size - length);
      while (tail.hasRemaining()) {
        if (channel.read(tail) < 0) {
          break; // the file was truncated meanwhile (rolled over)
        }
      }
    }
    List<String> lines =
        new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8)
            .lines()
            .collect(Collectors.toList());
    if (length < size && !lines.isEmpty()) {
      lines = lines.subList(1, lines.size()); // the first line was cut by the window
    }
    return lines.subList(Math.max(0, lines.size() - LINES), lines.size());
  }

  private static String kilobytes(long bytes) {
    return Math.max(1, (bytes + 1023) / 1024) + " KB";
  }
}
