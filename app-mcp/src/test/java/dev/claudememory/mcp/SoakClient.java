package dev.claudememory.mcp;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One client of the soak: a server process started as users start it (the launcher) in the folder
 * of its database file, restarted on that file after each kill.
 */
final class SoakClient implements AutoCloseable {
  private final String name;
  private final String file;
  private final Path folder;
  private final Map<String, String> environment;
  private final String protocolVersion;
  private final List<McpProcess> ended = new ArrayList<>();
  private McpProcess current;

  /** @param file the name of its database file; clients given one name share the file */
  SoakClient(String name, String file, Path folder, Map<String, String> environment, String protocolVersion) {
    this.name = name;
    this.file = file;
    this.folder = folder;
    this.environment = environment;
    this.protocolVersion = protocolVersion;
  }

  String name() {
    return name;
  }

  String file() {
    return file;
  }

  Path database() {
    return McpProcess.databaseIn(folder);
  }

  /** The folder holding its {@code MEMORY_HOME}. */
  Path folder() {
    return folder;
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

  /** Every process it started, ended ones first; all of them have ended once it is closed. */
  List<McpProcess> processes() {
    List<McpProcess> all = new ArrayList<>(ended);
    if (current != null) {
      all.add(current);
    }
    return all;
  }

  /** The contents of every memory row in a database file, read while its servers run. */
  static List<String> contentsOf(Path database) throws SQLException {
    return SqliteFile.memories(database).stream().map(SqliteFile.LocalMemory::content).collect(Collectors.toList());
  }

  /** Ends the current process: EOF, then SIGKILL if need be. */
  @Override
  public void close() throws InterruptedException {
    if (current != null) {
      current.close();
      ended.add(current);
      current = null;
    }
  }
}
