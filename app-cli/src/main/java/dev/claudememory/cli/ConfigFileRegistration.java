package dev.claudememory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudememory.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Registers the server by editing an MCP client's JSON config file, for when Claude Code's {@code
 * claude} command is not installed. Every change is backed up first (see {@link ConfigFiles}) and
 * touches only the {@code claude-memory} member.
 *
 * <p>Uninstall remembers nothing from install: when the file is exactly what install would make of
 * one of its backups (or of no file), that backup's bytes are put back (or the file removed), so
 * install then uninstall leaves the file byte-identical. When the file changed since, as Claude
 * Code's own saves change it, only the member and its separating comma are cut out.
 */
final class ConfigFileRegistration {
  private final Path file;
  private final Clock clock;

  ConfigFileRegistration(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** What install did or, in a dry run, would do, in a sentence. */
  String install(ServerEntry entry, boolean dryRun) throws IOException {
    Path target = ConfigFiles.target(file);
    Optional<String> current = ConfigFiles.read(target);
    McpConfigText config = current.map(text -> McpConfigText.parse(text, target.toString())).orElse(McpConfigText.absent());
    Optional<JsonNode> existing = config.server(ServerEntry.NAME);
    if (existing.isPresent() && existing.get().equals(entry.json(false))) {
      return ServerEntry.NAME + " is already registered in " + target + " with these settings; nothing changed.";
    }
    boolean update = existing.isPresent();
    if (dryRun) {
      return (update ? "Would update " : "Would register ") + ServerEntry.NAME + " in " + target
          + (current.isEmpty() ? " (a new file)" : "") + "; nothing written (dry run).";
    }
    String backup = current.isPresent() ? " (backup: " + ConfigFiles.backUp(target, clock.instant()) + ")" : " (a new file)";
    ConfigFiles.replace(target, config.withServer(ServerEntry.NAME, entry).getBytes(StandardCharsets.UTF_8));
    return (update ? "Updated " : "Registered ") + ServerEntry.NAME + " in " + target + backup + ".";
  }

  /** What uninstall did or, in a dry run, would do, in a sentence. */
  String uninstall(boolean dryRun) throws IOException {
    Path target = ConfigFiles.target(file);
    Optional<String> current = ConfigFiles.read(target);
    Optional<String> entry = current.flatMap(text -> McpConfigText.parse(text, target.toString()).rawServer(ServerEntry.NAME));
    if (entry.isEmpty()) {
      return ServerEntry.NAME + " is not registered in " + target + "; nothing changed.";
    }
    String text = current.get();
    McpConfigText.Value sameEntry = layout -> entry.get();
    if (McpConfigText.absent().withServer(ServerEntry.NAME, sameEntry).equals(text)) {
      if (dryRun) {
        return "Would delete " + target + ", which install created; nothing written (dry run).";
      }
      Files.delete(target);
      return "Deleted " + target + ", which install created.";
    }
    Optional<Path> original = backupInstalledFrom(target, text, sameEntry);
    if (original.isPresent()) {
      if (dryRun) {
        return "Would restore " + target + " from " + original.get() + ", its state before install; nothing written (dry run).";
      }
      ConfigFiles.replace(target, Files.readAllBytes(original.get()));
      return "Restored " + target + " from " + original.get() + ", its state before install.";
    }
    if (dryRun) {
      return "Would remove " + ServerEntry.NAME + " from " + target + "; nothing written (dry run).";
    }
    Path backup = ConfigFiles.backUp(target, clock.instant());
    ConfigFiles.replace(
        target, McpConfigText.parse(text, target.toString()).withoutServer(ServerEntry.NAME).getBytes(StandardCharsets.UTF_8));
    return "Removed " + ServerEntry.NAME + " from " + target + " (backup: " + backup + ").";
  }

  /** The newest backup without the server from which adding this very entry gives the file. */
  private static Optional<Path> backupInstalledFrom(Path target, String text, McpConfigText.Value entry) throws IOException {
    for (Path backup : ConfigFiles.backups(target)) {
      McpConfigText before;
      try {
        before = McpConfigText.parse(ConfigFiles.decode(Files.readAllBytes(backup), backup), backup.toString());
      } catch (InvalidInputException e) {
        continue; // a backup of a file that was already broken is no state to go back to
      }
      if (before.rawServer(ServerEntry.NAME).isEmpty() && before.withServer(ServerEntry.NAME, entry).equals(text)) {
        return Optional.of(backup);
      }
    }
    return Optional.empty();
  }
}
