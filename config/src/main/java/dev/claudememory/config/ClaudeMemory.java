package dev.claudememory.config;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.service.MemoryService;
import dev.claudememory.sqlite.SqliteNativeLibrary;

/**
 * The entry point for products that embed claude-memory: a ready {@link MemoryService} without
 * knowing how it is wired. Close the service to close the database (and stop its sync).
 *
 * <pre>{@code
 * try (MemoryService memory = ClaudeMemory.open(Settings.local(Path.of("data/memory.db")))) {
 *   memory.store(NewMemory.of("The release branch is cut on Tuesdays", "release schedule git"));
 *   List<Memory> found = memory.recall(RecallQuery.of("release", "branch schedule")).memories();
 * }
 * }</pre>
 *
 * <p>The service is thread-safe; open one per database file and share it. Settings come from
 * {@link Settings#local}, the record's constructors (sync with an API key), or {@link
 * SettingsParser} (the environment variables of the MCP server and the CLI).
 */
public final class ClaudeMemory {
  private ClaudeMemory() {}

  /**
   * Opens the memory service these settings describe.
   *
   * @throws dev.claudememory.core.StorageException when the database cannot be opened
   */
  public static MemoryService open(Settings settings) {
    return open(settings, SyncRole.BACKGROUND);
  }

  /**
   * Opens the memory service these settings describe, syncing in the background or not.
   *
   * @throws dev.claudememory.core.StorageException when the database cannot be opened
   */
  public static MemoryService open(Settings settings, SyncRole role) {
    requireNonNull(settings, "settings");
    requireNonNull(role, "role");
    return openComponent(settings, role).memoryService();
  }

  /**
   * Opens everything these settings describe: the memory service and, with an API key, sharing and
   * sync control. Close the memory service to close the rest.
   *
   * @throws dev.claudememory.core.StorageException when the database cannot be opened
   */
  public static MemoryComponent openComponent(Settings settings, SyncRole role) {
    requireNonNull(settings, "settings");
    requireNonNull(role, "role");
    MemoryComponent component = DaggerMemoryComponent.factory().create(settings, role);
    component.memoryService(); // opens the database now, so a bad file fails here
    return component;
  }

  /**
   * Has sqlite-jdbc load its native library from {@code MEMORY_HOME/native}, where it is extracted
   * once and checked against the jar's checksum at each start, rather than written into the
   * temporary folder at every start, where a full or read-only folder stops every database open.
   * For processes that own their JVM: the MCP server and the CLI call it before their first open.
   * It sets process-wide system properties, takes effect only before the process's first SQLite
   * connection and does nothing in remote-only mode; a folder that cannot be written leaves
   * sqlite-jdbc to its own way.
   */
  public static void keepSqliteLibraryUnderHome(Settings settings) {
    requireNonNull(settings, "settings");
    if (settings.mode() != Mode.REMOTE_ONLY) {
      SqliteNativeLibrary.useFolder(settings.home().resolve("native"));
    }
  }

  /**
   * Opens the memory service the process's environment describes (SPEC §2 variables).
   *
   * @throws dev.claudememory.core.InvalidInputException when a variable has an invalid value
   * @throws dev.claudememory.core.StorageException when the database cannot be opened
   */
  public static MemoryService openFromEnvironment() {
    return open(SettingsParser.fromEnvironment());
  }
}
