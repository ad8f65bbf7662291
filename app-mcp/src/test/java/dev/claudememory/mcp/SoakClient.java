package dev.claudememory.mcp;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One client of the soak: a server process started as users start it (the launcher) in a folder,
 * restarted on the same database file after each kill.
 */
final class SoakClient implements AutoCloseable {
  private final String name;
  private final Path folder;
  private final Map<String, String> environment;
  private final String protocolVersion;
  private final List<McpProcess> ended = new ArrayList<>();
  private McpProcess current;

  SoakClient(String name, Path folder, Map<String, String> environment, String protocolVersion) {
    this.name = name;
    this.folder = folder;
    this.environment = environment;
    this.protocolVersion = protocolVersion;
  }

  String name() {
    return name;
  }

  Path database() {
    return McpProcess.databaseIn(folder);
  }

  McpProcess process() {
    return current;
  }

  void start() throws IOException {
    current = McpProcess.startLauncher(folder, environment);
    current.initialize(protocolVersion);
  }

  /** After the current process was killed: a new one on the same file. */
  void restart() throws IOException {
    ended.add(current);
    start();
  }

  void killAndRestart() throws IOException, InterruptedException {
    current.kill();
    restart();
  }

  /** The contents of every memory row in a database file, read while its servers run. */
  static List<String> contentsOf(Path database) throws SQLException {
    return SqliteFile.memories(database).stream().map(SqliteFile.LocalMemory::content).collect(Collectors.toList());
  }

  /**
   * Ends the current process (EOF, then SIGKILL if need be) and checks every process's output:
   * protocol messages only, and the API key nowhere.
   */
  @Override
  public void close() throws InterruptedException {
    if (current != null) {
      current.close();
      ended.add(current);
      current = null;
    }
    for (McpProcess process : ended) {
      McpProcesses.assertOnlyProtocolMessages(process.stdoutLines());
      McpProcesses.assertKeyShownNowhere(process);
    }
  }
}
