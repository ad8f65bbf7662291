package dev.claudememory.bench.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineInputTest {
  @Test
  void splitsLinesWhateverTheReadsReturn() throws IOException {
    String text = "{\"id\":1}\n{\"id\":2}\n\n{\"id\":3}";
    assertThat(lines(new TrickleStream(text.getBytes(UTF_8), 3)))
        .containsExactly("{\"id\":1}", "{\"id\":2}", "", "{\"id\":3}");
  }

  @Test
  void readsLinesLongerThanItsBuffer() throws IOException {
    String longLine = "x".repeat(200_000);
    String text = "short\n" + longLine + "\nlast\n";
    assertThat(lines(new TrickleStream(text.getBytes(UTF_8), 10_000))).containsExactly("short", longLine, "last");
  }

  private static List<String> lines(InputStream in) throws IOException {
    LineInput input = new LineInput(in);
    List<String> lines = new ArrayList<>();
    for (byte[] line = input.next(); line != null; line = input.next()) {
      lines.add(new String(line, UTF_8));
    }
    return lines;
  }

  /** Returns at most {@code chunk} bytes a read, as a pipe may. */
  private static final class TrickleStream extends ByteArrayInputStream {
    private final int chunk;

    TrickleStream(byte[] bytes, int chunk) {
      super(bytes);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
      return super.read(buffer, offset, Math.min(length, chunk));
    }
  }
}
