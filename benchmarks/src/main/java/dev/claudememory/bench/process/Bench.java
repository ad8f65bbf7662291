package dev.claudememory.bench.process;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every figure works with: the run's options, its workspace, the servers to measure (ours
 * first) and where progress is reported.
 */
record Bench(BenchOptions options, Workspace workspace, List<ServerCommand> servers, PrintStream log) {
  Bench {
    servers = List.copyOf(servers);
  }

  static final String JAVA_OPTIONS = "MEMORY_JAVA_OPTS";
  static final String SEMANTIC = "MEMORY_SEMANTIC";

  /**
   * The settings with recall by meaning off, for figures that are not about it: the model's loading
   * and the embedding of every memory would otherwise run beside what they time, on the same cores.
   */
  static Map<String, String> byWords(Map<String, String> settings) {
    Map<String, String> off = new HashMap<>(settings);
    off.put(SEMANTIC, "off");
    return off;
  }

  /** What a server is started with: ours also gets {@code --java-opts}, unless the figure sets its own. */
  Map<String, String> settingsFor(ServerCommand server, Map<String, String> settings) {
    if (!server.equals(servers.get(0)) || options.javaOptions().isEmpty() || settings.containsKey(JAVA_OPTIONS)) {
      return settings;
    }
    Map<String, String> with = new HashMap<>(settings);
    with.put(JAVA_OPTIONS, options.javaOptions().get());
    return with;
  }

  void progress(String message) {
    log.println("bench: " + message);
  }
}
