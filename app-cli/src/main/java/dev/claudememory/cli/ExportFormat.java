package dev.claudememory.cli;

import dev.claudememory.core.transfer.ExportedMemories;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.IntConsumer;
import picocli.CommandLine;

/** How an export is written. */
enum ExportFormat {
  JSONL("jsonl"),
  MARKDOWN("markdown");

  final String option;

  ExportFormat(String option) {
    this.option = option;
  }

  void write(ExportedMemories exported, Writer out, IntConsumer written) throws IOException {
    if (this == JSONL) {
      JsonlFormat.write(exported, out, written);
    } else {
      MarkdownFormat.write(exported, out, written);
    }
  }

  /** The names {@code --format} takes, for help and shell completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(format -> format.option).iterator();
    }
  }

  /** Takes the names completion offers, in any case. */
  static final class Converter implements CommandLine.ITypeConverter<ExportFormat> {
    @Override
    public ExportFormat convert(String value) {
      return Arrays.stream(values())
          .filter(format -> format.option.equalsIgnoreCase(value.strip()))
          .findFirst()
          .orElseThrow(() -> new CommandLine.TypeConversionException(
              "'" + value + "' is not a format; use jsonl or markdown"));
    }
  }
}
