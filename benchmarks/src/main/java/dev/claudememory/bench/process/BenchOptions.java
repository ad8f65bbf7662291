package dev.claudememory.bench.process;

import dev.claudememory.bench.corpus.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a run measures and how often.
 *
 * @param repository the repository root (holds {@code bin/claude-memory-mcp})
 * @param runs spawns per spawn figure, batches of the concurrency figure, probes of sync visibility
 * @param calls timed round trips per round-trip figure, after {@code warmUpCalls} untimed ones
 * @param drains times the queue of 10,000 ops is drained
 * @param sync whether to measure the sync figures too
 * @param other the command line of another MCP server to compare with
 * @param seed of the generated memories and queries
 * @param only the groups of figures to measure; empty for all of them
 * @param javaOptions {@code MEMORY_JAVA_OPTS} for our server in every figure (another heap limit, say)
 */
record BenchOptions(
    Path repository,
    int runs,
    int calls,
    int warmUpCalls,
    int drains,
    boolean sync,
    Optional<String> other,
    long seed,
    Set<String> only,
    Optional<String> javaOptions) {
  /** The groups of figures, in the order of the table. */
  static final List<String> GROUPS = List.of("startup", "round-trips", "concurrency", "memory", "meaning", "hook", "drain", "sync");

  static final String USAGE =
      "usage: scripts/bench.sh [--runs N] [--calls N] [--drains N] [--quick] [--sync] [--vs \"<server command>\"]"
          + " [--seed N] [--only GROUPS] [--java-opts OPTIONS] [--jmh [JMH options]]\n"
          + "  --runs N   spawns per spawn figure, batches of 200 concurrent stores, sync probes (default 20)\n"
          + "  --calls N  timed round trips per store/recall figure, after a warm-up (default 1000)\n"
          + "  --drains N how many times the queue of 10,000 ops is drained (default 1)\n"
          + "  --quick    10 runs, 300 calls: a rough table in about two minutes\n"
          + "  --sync     also the sync figures: store-to-visible between two servers, store with the API up,\n"
          + "             down and silent\n"
          + "  --vs CMD   also run another MCP server (a shell command line), alternating with ours,\n"
          + "             and print the ratios\n"
          + "  --only G   only these groups of figures, comma-separated: " + String.join(",", GROUPS) + "\n"
          + "             (sync implies --sync)\n"
          + "             meaning: recall by meaning, ours only: the backfill, the first hybrid recall, hybrid and\n"
          + "             lexical round trips, the model's memory; embeds 100,000 memories once (minutes) and keeps them\n"
          + "  --java-opts OPTIONS  MEMORY_JAVA_OPTS for our server, such as -Xmx256m: the table says so\n"
          + "  --jmh      run the JMH benchmarks of the hot paths in-process instead (short settings)";

  /** @throws IllegalArgumentException with a message for the user */
  static BenchOptions parse(String[] args) {
    Path repository = null;
    int runs = 20;
    int calls = 1_000;
    int warmUp = 300;
    int drains = 1;
    boolean quick = false;
    boolean sync = false;
    Optional<String> other = Optional.empty();
    long seed = Corpus.DEFAULT_SEED;
    Integer explicitRuns = null;
    Integer explicitCalls = null;
    Set<String> only = Set.of();
    Optional<String> javaOptions = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--repository":
          repository = Path.of(value(args, ++i, option));
          break;
        case "--runs":
          explicitRuns = positive(value(args, ++i, option), option);
          break;
        case "--calls":
          explicitCalls = positive(value(args, ++i, option), option);
          break;
        case "--drains":
          drains = positive(value(args, ++i, option), option);
          break;
        case "--quick":
          quick = true;
          break;
        case "--sync":
          sync = true;
          break;
        case "--vs":
          other = Optional.of(value(args, ++i, option));
          break;
        case "--only":
          only = groups(value(args, ++i, option));
          break;
        case "--java-opts":
          javaOptions = Optional.of(value(args, ++i, option));
          break;
        case "--seed":
          seed = Long.parseLong(value(args, ++i, option));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (repository == null || !Files.isRegularFile(repository.resolve("bin").resolve("claude-memory-mcp"))) {
      throw new IllegalArgumentException("--repository must name the repository root (with bin/claude-memory-mcp)");
    }
    if (quick) {
      runs = 10;
      calls = 300;
      warmUp = 100;
    }
    return new BenchOptions(
        repository,
        explicitRuns == null ? runs : explicitRuns,
        explicitCalls == null ? calls : explicitCalls,
        warmUp,
        drains,
        sync || only.contains("sync"),
        other,
        seed,
        only,
        javaOptions);
  }

  /** Whether the figures of this group are measured. */
  boolean measures(String group) {
    return group.equals("sync") ? sync : only.isEmpty() || only.contains(group);
  }

  /** Whether a figure measured uses the corpus databases: all but the prompt hook's, which stores its own. */
  boolean needsCorpus() {
    return GROUPS.stream().anyMatch(group -> !group.equals("hook") && measures(group));
  }

  private static Set<String> groups(String list) {
    Set<String> groups = new LinkedHashSet<>(Arrays.asList(list.split(",")));
    for (String group : groups) {
      if (!GROUPS.contains(group)) {
        throw new IllegalArgumentException("--only takes " + String.join(",", GROUPS) + "; not " + group);
      }
    }
    return groups;
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int positive(String text, String option) {
    try {
      int value = Integer.parseInt(text);
      if (value < 1) {
        throw new IllegalArgumentException(option + " must be at least 1: " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number: " + text, e);
    }
  }
}
