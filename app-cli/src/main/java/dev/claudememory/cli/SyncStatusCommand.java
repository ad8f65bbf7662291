package dev.claudememory.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.config.Mode;
import dev.claudememory.config.Settings;
import dev.claudememory.core.sync.SyncStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the state of sync; reads the local database only.",
      "Pending and parked operations, unsynced memories, the last successful push and pull,"
          + " whether the API accepts the key, and when it last answered."
    })
final class SyncStatusCommand implements Callable<Integer> {
  @ParentCommand private SyncCommand sync;
  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "Print the state as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Settings settings = sync.settings();
    if (settings.mode() != Mode.HYBRID) {
      printOff(out, settings);
      return CliMain.EXIT_OK;
    }
    return sync.withControl(
        spec,
        control -> {
          SyncStatus status = control.status();
          if (json) {
            Output.printJson(out, json(status));
          } else {
            print(out, status);
          }
          return CliMain.EXIT_OK;
        });
  }

  private void printOff(PrintWriter out, Settings settings) {
    if (json) {
      ObjectNode off = JsonNodeFactory.instance.objectNode();
      off.put("enabled", false);
      off.put("mode", settings.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      off.put("message", SyncCommand.syncOff(settings));
      Output.printJson(out, off);
    } else {
      out.println(SyncCommand.syncOff(settings));
    }
  }

  private static void print(PrintWriter out, SyncStatus status) {
    out.println("Sync: on (hybrid mode)");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Pending operations", Long.toString(status.pendingOps()));
    fields.put("Unsynced memories", Long.toString(status.unsyncedMemories()));
    fields.put(
        "Parked operations",
        status.parked().size()
            + (status.parked().isEmpty() ? "" : "  (see: claude-memory sync dead-letter list)"));
    fields.put("Last push", status.lastPush().orElse("never"));
    fields.put("Last pull", status.lastPull().orElse("never"));
    fields.put("Auth", status.authDisplay());
    fields.put("API", status.lastContact().map(at -> "last answered " + at).orElse("not reached yet"));
    status.lastError().ifPresent(error -> fields.put("Last error", error));
    status.serverLostData().ifPresent(notice -> fields.put("Notice", notice.describe()));
    SyncOutput.printFields(out, fields);
  }

  private static ObjectNode json(SyncStatus status) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("enabled", true);
    node.put("mode", "hybrid");
    node.put("pending_operations", status.pendingOps());
    node.put("unsynced_memories", status.unsyncedMemories());
    node.put("parked_operations", status.parked().size());
    putOptional(node, "last_push", status.lastPush());
    putOptional(node, "last_pull", status.lastPull());
    status.keyAccepted().ifPresentOrElse(accepted -> node.put("auth_ok", accepted), () -> node.putNull("auth_ok"));
    putOptional(node, "auth_failed_since", status.authFailedSince());
    putOptional(node, "last_contact", status.lastContact());
    putOptional(node, "last_error", status.lastError());
    status.serverLostData().ifPresent(notice -> node.putObject("server_lost_data")
        .put("noticed_at", notice.noticedAt())
        .put("sent_again", notice.sentAgain()));
    return node;
  }

  private static void putOptional(ObjectNode node, String field, Optional<String> value) {
    value.ifPresentOrElse(text -> node.put(field, text), () -> node.putNull(field));
  }
}
