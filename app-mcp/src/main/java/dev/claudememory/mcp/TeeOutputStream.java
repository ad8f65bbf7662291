package dev.claudememory.mcp;

import java.io.IOException;
import java.io.OutputStream;

/** Writes everything to two streams; a failing second stream (the log file) never stops the first. */
final class TeeOutputStream extends OutputStream {
  private final OutputStream first;
  private final OutputStream second;
  private volatile boolean secondFailed;

  TeeOutputStream(OutputStream first, OutputStream second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    first.write(bytes, offset, length);
    if (!secondFailed) {
      try {
        second.write(bytes, offset, length);
      } catch (IOException e) {
        secondFailed = true; // a full disk must not take the server down with it
      }
    }
  }

  @Override
  public void flush() throws IOException {
    first.flush();
    if (!secondFailed) {
      try {
        second.flush();
      } catch (IOException e) {
        secondFailed = true;
      }
    }
  }
}
