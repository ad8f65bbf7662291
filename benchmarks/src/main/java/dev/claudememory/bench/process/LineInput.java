package dev.claudememory.bench.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** The lines of a stream, as bytes without their line feed; read straight from the pipe. */
final class LineInput {
  private final InputStream in;
  private byte[] buffer = new byte[64 * 1024];
  private int start;
  private int end;

  LineInput(InputStream in) {
    this.in = in;
  }

  /** The next line (a final unterminated line included), or null at the end of the stream. */
  byte[] next() throws IOException {
    int searchFrom = start;
    while (true) {
      for (int i = searchFrom; i < end; i++) {
        if (buffer[i] == '\n') {
          byte[] line = Arrays.copyOfRange(buffer, start, i);
          start = i + 1;
          return line;
        }
      }
      int searched = end - start;
      if (!fill()) {
        if (start == end) {
          return null;
        }
        byte[] rest = Arrays.copyOfRange(buffer, start, end);
        start = end;
        return rest;
      }
      searchFrom = start + searched; // fill() may have moved the unread bytes to the front
    }
  }

  /** Reads more bytes, first moving the unread ones to the front or growing the buffer if full. */
  private boolean fill() throws IOException {
    if (end == buffer.length) {
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      } else {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
    }
    int read = in.read(buffer, end, buffer.length - end);
    if (read < 0) {
      return false;
    }
    end += read;
    return true;
  }
}
