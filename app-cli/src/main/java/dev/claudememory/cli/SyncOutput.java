package dev.claudememory.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.sync.PendingOp;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the {@code sync} commands show queued operations: kind, memory, op id, attempts, reason and
 * time, never the content a create or update carries.
 */
final class SyncOutput {
  private SyncOutput() {}

  static String kind(PendingOp op) {
    return op.kind().name().toLowerCase(Locale.ROOT);
  }

  /** {@code #12}, or the server's id for a delete queued with no local row. */
  static String memory(PendingOp op) {
    return op.memoryId()
        .map(id -> "#" + id)
        .orElseGet(() -> op.serverId().map(id -> "server " + id).orElse("-"));
  }

  static ObjectNode json(PendingOp op) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("op_id", op.id());
    node.put("kind", kind(op));
    op.memoryId().ifPresentOrElse(id -> node.put("memory_id", id.value()), () -> node.putNull("memory_id"));
    op.serverId().ifPresentOrElse(id -> node.put("server_id", id.value()), () -> node.putNull("server_id"));
    node.put("attempts", op.attempts());
    node.put("created_at", Timestamps.format(op.createdAt()));
    op.parkedReason().ifPresentOrElse(reason -> node.put("reason", reason), () -> node.putNull("reason"));
    return node;
  }

  static void printParked(PrintWriter out, List<PendingOp> parked, boolean asJson) {
    if (asJson) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      parked.forEach(op -> array.add(json(op)));
      Output.printJson(out, array);
      return;
    }
    if (parked.isEmpty()) {
      out.println("No parked operations.");
      return;
    }
    out.println("Parked operations: " + parked.size()
        + " (refused by the server for good; retry or discard each by its op id)");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("OP", "KIND", "MEMORY", "ATTEMPTS", "CREATED", "REASON"));
    for (PendingOp op : parked) {
      rows.add(List.of(
          Long.toString(op.id()), kind(op), memory(op), Integer.toString(op.attempts()),
          Timestamps.format(op.createdAt()), TerminalText.escape(op.parkedReason().orElse("")).replace('\n', ' ')));
    }
    printTable(out, rows);
  }

  /** Label and value pairs, the values aligned. */
  static void printFields(PrintWriter out, Map<String, String> fields) {
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
    fields.forEach((label, value) -> out.printf("  %-" + width + "s  %s%n", label, value));
  }

  /** Rows of columns, each column as wide as its widest cell; the last one is not padded. */
  private static void printTable(PrintWriter out, List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int column = 0; column < columns; column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int column = 0; column < columns; column++) {
        String cell = row.get(column);
        line.append(' ').append(column == columns - 1 ? cell : String.format("%-" + widths[column] + "s ", cell));
      }
      out.println(line);
    }
  }
}
