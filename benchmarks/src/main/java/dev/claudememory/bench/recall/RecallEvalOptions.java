package dev.claudememory.bench.recall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a run of the recall evaluation covers.
 *
 * @param repository the repository root (holds {@code bin/claude-memory} and {@code bin/claude-memory-mcp})
 * @param strata the strata whose questions are asked
 * @param limit at most this many questions per stratum, the first in file order
 * @param configurations the server configurations, in the order they run
 * @param json where to write the figures and every question's ranking as JSON
 */
public record RecallEvalOptions(
    Path repository, Set<Stratum> strata, OptionalInt limit, List<Configuration> configurations, Optional<Path> json) {
  public RecallEvalOptions {
    strata = Set.copyOf(strata);
    configurations = List.copyOf(configurations);
  }

  static final String USAGE =
      "usage: scripts/recall-eval.sh [--only STRATA] [--limit N] [--configs lexical,hybrid] [--json FILE]\n"
          + "  --only STRATA    comma-separated strata: exact (a), paraphrase (b), raw (c), multi-hop (d),\n"
          + "                   current (e); default all\n"
          + "  --limit N        at most N questions per stratum, the first ones (for a quick run)\n"
          + "  --configs LIST   lexical (MEMORY_SEMANTIC=off) and/or hybrid (the default server);\n"
          + "                   default lexical,hybrid\n"
          + "  --json FILE      also write the figures and every question's ranking to FILE";

  /** @throws IllegalArgumentException with a message for the user */
  static RecallEvalOptions parse(String[] args) {
    Path repository = null;
    Set<Stratum> strata = EnumSet.allOf(Stratum.class);
    OptionalInt limit = OptionalInt.empty();
    List<Configuration> configurations = List.of(Configuration.LEXICAL, Configuration.HYBRID);
    Optional<Path> json = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--repository":
          repository = Path.of(value(args, ++i, option));
          break;
        case "--only":
          strata = strata(value(args, ++i, option));
          break;
        case "--limit":
          limit = OptionalInt.of(positive(value(args, ++i, option), option));
          break;
        case "--configs":
          configurations = configurations(value(args, ++i, option));
          break;
        case "--json":
          json = Optional.of(Path.of(value(args, ++i, option)));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (repository == null
        || !Files.isRegularFile(repository.resolve("bin").resolve("claude-memory"))
        || !Files.isRegularFile(repository.resolve("bin").resolve("claude-memory-mcp"))) {
      throw new IllegalArgumentException("--repository must name the repository root (with bin/claude-memory and bin/claude-memory-mcp)");
    }
    return new RecallEvalOptions(repository, strata, limit, configurations, json);
  }

  private static Set<Stratum> strata(String list) {
    Set<Stratum> strata = EnumSet.noneOf(Stratum.class);
    for (String name : list.split(",")) {
      strata.add(Stratum.named(name).orElseThrow(() -> new IllegalArgumentException(
          "--only takes exact, paraphrase, raw, multi-hop, current (or a to e); not '" + name + "'")));
    }
    return strata;
  }

  private static List<Configuration> configurations(String list) {
    List<Configuration> configurations = new ArrayList<>();
    for (String name : list.split(",")) {
      Configuration configuration = Configuration.named(name).orElseThrow(() -> new IllegalArgumentException(
          "--configs takes lexical and hybrid; not '" + name + "'"));
      if (!configurations.contains(configuration)) {
        configurations.add(configuration);
      }
    }
    return configurations;
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
