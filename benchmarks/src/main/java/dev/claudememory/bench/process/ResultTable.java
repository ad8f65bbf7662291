package dev.claudememory.bench.process;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures as one table: figure | ours | target | met, and with another server also its
 * reading and the ratio other/ours (above 1: ours is faster or smaller).
 */
final class ResultTable {
  private final boolean withOther;
  private final List<Row> rows = new ArrayList<>();

  ResultTable(boolean withOther) {
    this.withOther = withOther;
  }

  void add(List<Row> more) {
    rows.addAll(more);
  }

  void print(PrintStream out) {
    List<String[]> lines = new ArrayList<>();
    lines.add(withOther
        ? new String[] {"figure", "ours", "target", "met", "other", "other/ours"}
        : new String[] {"figure", "ours", "target", "met"});
    for (Row row : rows) {
      String target = row.target().map(Target::toString).orElse("");
      String met = row.target().map(t -> t.isMetBy(row.ours().value()) ? "yes" : "NO").orElse("");
      if (withOther) {
        Reading other = row.other().orElse(Reading.text(""));
        lines.add(new String[] {row.figure(), row.ours().text(), target, met, other.text(), ratio(row.ours(), other)});
      } else {
        lines.add(new String[] {row.figure(), row.ours().text(), target, met});
      }
    }
    int[] widths = new int[lines.get(0).length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (int index = 0; index < lines.size(); index++) {
      out.println(format(lines.get(index), widths));
      if (index == 0) {
        String[] rule = new String[widths.length];
        for (int i = 0; i < widths.length; i++) {
          rule[i] = "-".repeat(widths[i]);
        }
        out.println(format(rule, widths));
      }
    }
  }

  private static String format(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
    }
    return line.toString();
  }

  private static String ratio(Reading ours, Reading other) {
    if (ours.value().isEmpty() || other.value().isEmpty() || ours.value().getAsDouble() <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%.2f×", other.value().getAsDouble() / ours.value().getAsDouble());
  }
}
