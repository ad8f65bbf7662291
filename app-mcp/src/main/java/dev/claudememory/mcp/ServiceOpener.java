package dev.claudememory.mcp;

import dev.claudememory.config.ClaudeMemory;
import dev.claudememory.config.MemoryComponent;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.config.SyncRole;
import dev.claudememory.core.MemoryException;
import dev.claudememory.mcp.tools.Services;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Opens the service as the environment describes it: reads the settings, starts logging to the
 * file under {@code MEMORY_HOME} (once, however often an open is tried) and opens the database. A
 * bad setting is the open's failure, so every tool call tells the assistant what to fix while the
 * protocol keeps working.
 */
final class ServiceOpener implements Supplier<Services> {
  private static final long LOG_FILE_BYTES = 5L * 1024 * 1024;
  private static final int LOG_FILES_KEPT = 3;

  private final AtomicBoolean loggingToFile = new AtomicBoolean();

  @Override
  public Services get() {
    Settings settings;
    try {
      settings = SettingsParser.fromEnvironment();
    } catch (MemoryException e) {
      System.err.println("claude-memory: " + e.getMessage());
      throw e;
    }
    if (loggingToFile.compareAndSet(false, true)) {
      logToFileToo(settings);
    }
    MemoryComponent component = ClaudeMemory.openComponent(settings, SyncRole.BACKGROUND);
    return new Services(component.memoryService(), component.sharing(), settings.resultBudget());
  }

  private static void logToFileToo(Settings settings) {
    try {
      RotatingLogFile file =
          RotatingLogFile.in(settings.home().resolve("logs"), "mcp-server.log", LOG_FILE_BYTES, LOG_FILES_KEPT);
      System.setErr(new PrintStream(new TeeOutputStream(System.err, file), true, StandardCharsets.UTF_8));
      System.setOut(System.err);
    } catch (IOException e) {
      System.err.println("claude-memory: logging to stderr only; the log file could not be opened: " + e.getMessage());
    }
  }
}
