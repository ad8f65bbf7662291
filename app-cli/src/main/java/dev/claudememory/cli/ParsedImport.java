package dev.claudememory.cli;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.transfer.ImportRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What reading an import file found: its valid records, and every problem by line number. */
final class ParsedImport {
  /** A record that cannot be imported, and why, in words that name the field at fault. */
  record Problem(int line, String message) {
    @Override
    public String toString() {
      return "line " + line + ": " + message;
    }
  }

  private final List<ImportRecord> records = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  /** Reads one record; a refusal becomes a problem at this line. */
  void read(int line, Supplier<ImportRecord> reading) {
    read(line, "", reading);
  }

  /** Reads one record; a refusal becomes a problem at this line, its message after {@code prefix}. */
  void read(int line, String prefix, Supplier<ImportRecord> reading) {
    try {
      records.add(reading.get());
    } catch (InvalidInputException refused) {
      problem(line, prefix + refused.getMessage());
    }
  }

  void problem(int line, String message) {
    problems.add(new Problem(line, message));
  }

  List<ImportRecord> records() {
    return List.copyOf(records);
  }

  /** In the order they were met; lines read out of order (a header check) come last. */
  List<Problem> problems() {
    return List.copyOf(problems);
  }
}
