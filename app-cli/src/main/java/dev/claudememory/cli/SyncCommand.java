package dev.claudememory.cli;

import dev.claudememory.config.MemoryComponent;
import dev.claudememory.config.Mode;
import dev.claudememory.config.Settings;
import dev.claudememory.core.service.MemoryService;
import dev.claudememory.core.sync.SyncControl;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;

/** {@code sync}: the state of sync with the memory API, a sync on demand, the parked changes. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync with the memory API: its state, a sync now, refused changes.",
      "Needs hybrid mode (MEMORY_API_KEY set). A running MCP server syncs by itself; these"
          + " commands take a look, give a nudge, and handle the changes the server refused for"
          + " good (parked: the dead letters)."
    },
    subcommands = {
      SyncStatusCommand.class,
      SyncNowCommand.class,
      DeadLetterCommand.class,
      CommandLine.HelpCommand.class
    })
final class SyncCommand {
  @ParentCommand private CliMain main;

  Settings settings() {
    return main.settings();
  }

  /** Why there is no sync with these settings (not in hybrid mode), and how to turn it on. */
  static String syncOff(Settings settings) {
    if (settings.mode() == Mode.REMOTE_ONLY) {
      return "Sync is off: MEMORY_SYNC_DISABLE is on, which selects remote-only mode, where every"
          + " command goes straight to the memory API and nothing is queued. Unset"
          + " MEMORY_SYNC_DISABLE to keep a local database synced with the API.";
    }
    return "Sync is off: no MEMORY_API_KEY is set, so memories stay in the local database. To sync"
        + " with a memory API, set MEMORY_API_KEY (and MEMORY_API_URL, default"
        + " http://localhost:8080).";
  }

  /**
   * Runs {@code work} with the sync control of the configured database. Without sync there is
   * nothing it could act on: it says so and how to turn sync on, as a configuration error.
   */
  int withControl(CommandSpec spec, Function<SyncControl, Integer> work) {
    Settings settings = settings();
    if (settings.mode() != Mode.HYBRID) {
      spec.commandLine().getErr().println("claude-memory: " + syncOff(settings));
      return CliMain.EXIT_USAGE;
    }
    MemoryComponent component = main.openComponent(settings);
    try (MemoryService service = component.memoryService()) {
      return work.apply(component.syncControl().orElseThrow());
    }
  }
}
