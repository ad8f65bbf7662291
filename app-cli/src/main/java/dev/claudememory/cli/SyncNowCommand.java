package dev.claudememory.cli;

import dev.claudememory.core.sync.SyncControl;
import dev.claudememory.core.sync.SyncNowResult;
import dev.claudememory.core.sync.SyncStatus;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "now",
    mixinStandardHelpOptions = true,
    description = {
      "Push the queued changes now, then pull the server's.",
      "Runs in this process. When another process (a running MCP server) holds the sync lease,"
          + " it is left alone: it pushes the queue within its own interval. Exit status 1 when"
          + " the API refused the key or could not be reached."
    })
final class SyncNowCommand implements Callable<Integer> {
  @ParentCommand private SyncCommand sync;
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    return sync.withControl(spec, this::syncNow);
  }

  private int syncNow(SyncControl control) {
    PrintWriter out = spec.commandLine().getOut();
    SyncNowResult result = control.syncNow();
    if (result instanceof SyncNowResult.LeaseHeldElsewhere) {
      out.println(
          "Not synced here: " + ((SyncNowResult.LeaseHeldElsewhere) result).process()
              + " holds the sync lease for this database and pushes the queue within its sync"
              + " interval (MEMORY_SYNC_INTERVAL).");
      return CliMain.EXIT_OK;
    }
    if (result instanceof SyncNowResult.KeyRefused) {
      spec.commandLine().getErr().println(
          "claude-memory: " + ((SyncNowResult.KeyRefused) result).reason()
              + ". Check MEMORY_API_KEY; queued changes wait until the API accepts a key.");
      return CliMain.EXIT_REFUSED;
    }
    if (result instanceof SyncNowResult.Synced) {
      return report(out, (SyncNowResult.Synced) result, control.status());
    }
    throw new AssertionError(result);
  }

  private static int report(PrintWriter out, SyncNowResult.Synced synced, SyncStatus after) {
    boolean complete = synced.failed() == 0 && synced.pulled();
    out.println(complete ? "Sync done." : "Sync incomplete: what failed stays queued and is retried.");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Pushed", Integer.toString(synced.pushed()));
    fields.put("Failed, retried later", Integer.toString(synced.failed()));
    fields.put(
        "Refused, parked",
        synced.parked() + (synced.parked() == 0 ? "" : "  (see: claude-memory sync dead-letter list)"));
    fields.put("Pull", synced.pulled() ? (synced.fullResync() ? "done (full resync)" : "done") : "failed");
    fields.put("Still pending", Long.toString(after.pendingOps()));
    fields.put("Parked in all", Integer.toString(after.parked().size()));
    synced.problem().ifPresent(problem -> fields.put("Problem", problem));
    SyncOutput.printFields(out, fields);
    return complete ? CliMain.EXIT_OK : CliMain.EXIT_REFUSED;
  }
}
