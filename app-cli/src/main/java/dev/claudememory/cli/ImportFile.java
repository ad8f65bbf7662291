package dev.claudememory.cli;

import dev.claudememory.core.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The text of a file to import: UTF-8, strictly, so no character is silently replaced. */
final class ImportFile {
  /** One line of the file, numbered from 1, without its line break. */
  record Line(int number, String text) {
    boolean isBlank() {
      return text.isBlank();
    }
  }

  private final String text;

  private ImportFile(String text) {
    this.text = text;
  }

  /**
   * The file's text, without a leading byte order mark.
   *
   * @throws InvalidInputException naming the first line that is not UTF-8
   */
  static ImportFile of(byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new InvalidInputException(
          "file", "line " + lineAt(bytes, in.position()) + ": not UTF-8 text; save the file as UTF-8");
    }
    decoder.flush(out);
    String text = out.flip().toString();
    return new ImportFile(text.startsWith("\uFEFF") ? text.substring(1) : text);
  }

  String text() {
    return text;
  }

  /** Every line, blank ones too, so that numbers match what an editor shows. */
  List<Line> lines() {
    List<Line> lines = new ArrayList<>();
    int number = 1;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      lines.add(new Line(number++, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line));
      start = end + 1;
    }
    return lines;
  }

  boolean isBlank() {
    return text.isBlank();
  }

  private static int lineAt(byte[] bytes, int position) {
    int line = 1;
    for (int i = 0; i < position; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
