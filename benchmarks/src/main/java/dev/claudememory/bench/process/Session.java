package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A server started and past the MCP handshake ({@code initialize}, {@code
 * notifications/initialized}, {@code tools/list}), as a client such as Claude Code opens it.
 */
final class Session implements AutoCloseable {
  private final ServerProcess process;
  private final List<String> tools;
  private final long listedAt;

  private Session(ServerProcess process, List<String> tools, long listedAt) {
    this.process = process;
    this.tools = List.copyOf(tools);
    this.listedAt = listedAt;
  }

  static Session open(Bench bench, ServerCommand server, Path folder, Map<String, String> settings)
      throws IOException {
    ServerProcess process = bench.workspace().start(server, folder, bench.settingsFor(server, settings));
    try {
      process.client().initialize();
      List<String> tools = process.client().toolNames();
      return new Session(process, tools, System.nanoTime());
    } catch (RuntimeException | IOException e) {
      process.close();
      throw new BenchFailure(server.name() + " server failed to start: " + e.getMessage()
          + "\nits stderr ends with:\n" + process.stderrTail(), e);
    }
  }

  McpClient client() {
    return process.client();
  }

  ServerProcess process() {
    return process;
  }

  /** Nanoseconds from spawning the process to the answer of {@code tools/list}. */
  long spawnToToolList() {
    return listedAt - process.spawnedAt();
  }

  boolean offers(String tool) {
    return tools.contains(tool);
  }

  List<String> tools() {
    return tools;
  }

  /** Calls a tool, failing the run when the tool reports an error. */
  McpClient.ToolResult call(String tool, ObjectNode arguments) throws IOException {
    McpClient.ToolResult result = client().callTool(tool, arguments);
    requireSuccess(tool, result);
    return result;
  }

  /**
   * Calls the tool with each argument set in turn, one round trip at a time, and times all but the
   * first {@code warmUp} calls. Requests are prepared before the clock starts, so a sample is one
   * write of the request line and the read of its answer line.
   */
  Samples timeCalls(String tool, List<ObjectNode> arguments, int warmUp) throws IOException {
    return timeCalls(tool, arguments, warmUp, result -> {});
  }

  /** As {@link #timeCalls(String, List, int)}, and every answer is also shown to {@code check}, untimed. */
  Samples timeCalls(String tool, List<ObjectNode> arguments, int warmUp, Consumer<McpClient.ToolResult> check)
      throws IOException {
    McpClient client = client();
    List<McpClient.Call> calls = new ArrayList<>(arguments.size());
    for (ObjectNode argument : arguments) {
      calls.add(client.prepareToolCall(tool, argument));
    }
    Samples samples = new Samples();
    for (int i = 0; i < calls.size(); i++) {
      long sent = System.nanoTime();
      McpClient.ToolResult result = McpClient.toolResult(client.call(calls.get(i)));
      long answered = System.nanoTime();
      requireSuccess(tool, result);
      check.accept(result);
      if (i >= warmUp) {
        samples.add(answered - sent);
      }
    }
    return samples;
  }

  void requireSuccess(String tool, McpClient.ToolResult result) {
    if (result.isError()) {
      throw new BenchFailure(tool + " failed: " + result.text() + "\nstderr ends with:\n" + process.stderrTail());
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
