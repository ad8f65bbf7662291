package dev.claudememory.mcp.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Splits the client's byte stream into newline-delimited lines, each bounded in size and checked
 * to be valid UTF-8, so one bad line is reported and the next is read as usual.
 */
public final class LineReader {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[64 * 1024];
  private int chunkStart;
  private int chunkEnd;
  private byte[] line = new byte[8 * 1024];
  private int lineLength;
  private long skippedBytes;
  private boolean skipping;

  public LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line; empty at the end of the stream. Blank lines are skipped. */
  public Optional<InputLine> next() throws IOException {
    while (true) {
      if (chunkStart == chunkEnd) {
        int read = in.read(chunk);
        if (read < 0) {
          return finishAtEndOfStream();
        }
        chunkStart = 0;
        chunkEnd = read;
      }
      int newline = indexOfNewline();
      int end = newline < 0 ? chunkEnd : newline;
      append(chunkStart, end);
      chunkStart = newline < 0 ? chunkEnd : newline + 1;
      if (newline >= 0) {
        Optional<InputLine> complete = completeLine();
        if (complete.isPresent()) {
          return complete;
        }
      }
    }
  }

  private Optional<InputLine> finishAtEndOfStream() {
    if (skipping || lineLength > 0) {
      return completeLine();
    }
    return Optional.empty();
  }

  private int indexOfNewline() {
    for (int i = chunkStart; i < chunkEnd; i++) {
      if (chunk[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(int from, int to) {
    int count = to - from;
    if (skipping || lineLength + count > maxLineBytes) {
      skipping = true;
      skippedBytes += count;
      return;
    }
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + count)));
    }
    System.arraycopy(chunk, from, line, lineLength, count);
    lineLength += count;
  }

  private Optional<InputLine> completeLine() {
    try {
      if (skipping) {
        return Optional.of(new InputLine.TooLong(lineLength + skippedBytes));
      }
      int length = lineLength;
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      String text = decode(length);
      if (text == null) {
        return Optional.of(new InputLine.InvalidUtf8());
      }
      return text.isBlank() ? Optional.empty() : Optional.of(new InputLine.Text(text));
    } finally {
      lineLength = 0;
      skippedBytes = 0;
      skipping = false;
      if (line.length > 1024 * 1024) {
        line = new byte[8 * 1024]; // give a huge line's buffer back
      }
    }
  }

  private String decode(int length) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
