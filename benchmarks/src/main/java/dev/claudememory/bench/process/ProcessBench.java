package dev.claudememory.bench.process;

import dev.claudememory.bench.corpus.CorpusDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole-process benchmark of the packaged MCP server ({@code scripts/bench.sh}): starts {@code
 * bin/claude-memory-mcp} (and, with {@code --vs}, another server, alternating with ours) as real
 * processes on loopback-only settings, speaks JSON-RPC to them over stdio, and prints every figure
 * in one table on stdout. Progress goes to stderr. Every process it starts is ended before it
 * exits, on failure too.
 */
public final class ProcessBench {
  /** Read by the JDK's HTTP server, which the fake memory API runs on, when its first server starts. */
  static final String FAKE_API_NODELAY = "sun.net.httpserver.nodelay";

  private ProcessBench() {}

  public static void main(String[] args) {
    if (List.of(args).contains("--help")) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    // The fake API answers as production HTTP servers do, with Nagle off: the JDK server's default
    // (on) adds a delayed-ACK wait of about 40 ms to each answer on loopback.
    System.setProperty(FAKE_API_NODELAY, "true");
    int status = 0;
    try (Workspace workspace = Workspace.create()) {
      run(options, workspace, System.out, System.err);
    } catch (BenchFailure e) {
      System.err.println("bench: failed: " + e.getMessage());
      status = 1;
    } catch (IOException | RuntimeException e) {
      System.err.println("bench: failed unexpectedly:");
      e.printStackTrace();
      status = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("bench: interrupted");
      status = 1;
    }
    System.exit(status);
  }

  private static void run(BenchOptions options, Workspace workspace, PrintStream out, PrintStream log)
      throws IOException, InterruptedException {
    List<ServerCommand> servers = new ArrayList<>();
    servers.add(ServerCommand.ours(options.repository()));
    options.other().ifPresent(command -> servers.add(ServerCommand.other(command)));
    Bench bench = new Bench(options, workspace, servers, log);
    double loadBefore = loadAverage();

    for (int memories : new int[] {10_000, 100_000}) {
      if (!options.needsCorpus()) {
        break;
      }
      bench.progress(String.format(
          "corpus database of %,d memories (built once, then kept in %s)", memories, CorpusDatabase.cacheDirectory()));
      CorpusDatabase.cached(memories, options.seed());
    }
    ResultTable table = new ResultTable(options.other().isPresent());
    if (options.measures("startup")) {
      table.add(new SpawnFigures(bench).measure());
    }
    if (options.measures("round-trips")) {
      table.add(new RoundTripFigures(bench).measure(10_000));
      table.add(new RoundTripFigures(bench).measure(100_000));
    }
    if (options.measures("concurrency")) {
      table.add(new ConcurrencyFigure(bench).measure());
    }
    if (options.measures("memory")) {
      table.add(new IdleMemoryFigure(bench).measure());
    }
    if (options.measures("meaning")) {
      table.add(new MeaningFigures(bench).measure());
    }
    if (options.measures("hook")) {
      table.add(new HookFigures(bench).measure());
    }
    if (options.measures("drain")) {
      table.add(new DrainFigure(bench).measure());
    }
    if (options.measures("sync")) {
      table.add(new SyncFigures(bench).measure());
    }

    out.println();
    table.print(out);
    out.println();
    out.println("ours:  " + servers.get(0).command().get(0) + " on " + javaDescription()
        + options.javaOptions().map(opts -> ", with " + Bench.JAVA_OPTIONS + "=" + opts).orElse(""));
    options.other().ifPresent(command -> out.println("other: " + command));
    out.println(String.format(Locale.ROOT,
        "machine: %d cores; load average %.2f before, %.2f after; corpus seed %d",
        Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(), options.seed()));
    out.println("RSS is VmRSS from /proc/<pid>/status of the spawned process plus any children"
        + " (bin/claude-memory-mcp execs java, so for ours it is the JVM's own).");
    out.println("Round trips: request line written → answer line read, one call at a time, over the"
        + " server's stdio; p95 and p99 are nearest-rank.");
    out.println("Start-up figures run with the server's default settings; round trips, concurrency, memory,"
        + " drain and sync with MEMORY_SEMANTIC=off, so the embedding model's loading and backfill run beside"
        + " none of them.");
    if (options.measures("meaning")) {
      out.println("Recall by meaning (ours only): MEMORY_SEMANTIC=on unless the row says off; a first hybrid recall"
          + " is the first answer whose search is hybrid, recalling from the handshake on; hybrid and lexical"
          + " figures count only answers that say they ran that search.");
    }
  }

  private static String javaDescription() {
    return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")";
  }

  private static double loadAverage() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os.getSystemLoadAverage();
  }
}
