package dev.claudememory.bench.recall;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The figures of a run: one table on stdout, per stratum and configuration (then all questions per
 * configuration), and optionally the same with every question's ranking as JSON.
 */
final class EvalReport {
  private static final String ALL = "all";

  private final EvalSet set;
  private final List<Stratum> strata;
  private final List<Outcome> outcomes;

  EvalReport(EvalSet set, List<Stratum> strata, List<Outcome> outcomes) {
    this.set = set;
    this.strata = List.copyOf(strata);
    this.outcomes = List.copyOf(outcomes);
  }

  void print(PrintStream out) {
    int asked = (int) outcomes.stream()
        .filter(outcome -> outcome instanceof Outcome.Measured)
        .mapToInt(outcome -> ((Outcome.Measured) outcome).rankings().size())
        .max()
        .orElse(0);
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {
      "stratum", "config", "queries", "recall@5", "recall@10", "nDCG@10", "MRR", "newer 1st", "newer>older", "p50 ms", "p95 ms"
    });
    for (String group : groups()) {
      for (Outcome outcome : outcomes) {
        if (outcome instanceof Outcome.Measured measured) {
          Figures figures = figures(group, measured);
          lines.add(new String[] {
            group,
            measured.configuration().label(),
            String.valueOf(figures.queries()),
            score(figures.recallAt5()),
            score(figures.recallAt10()),
            score(figures.ndcgAt10()),
            score(figures.mrr()),
            share(figures.newerFirst()),
            share(figures.newerAboveOlder()),
            millis(figures.p50Nanos()),
            millis(figures.p95Nanos())
          });
        }
      }
    }
    if (lines.size() > 1) {
      printTable(out, lines);
    }
    for (Outcome outcome : outcomes) {
      if (outcome instanceof Outcome.Unavailable unavailable) {
        out.println(unavailable.configuration().label() + ": unavailable: " + unavailable.reason()
            + "; no " + unavailable.configuration().label() + " figures.");
      } else if (outcome instanceof Outcome.Refused refused) {
        out.println(refused.configuration().label() + ": REFUSED: " + refused.reason() + ".");
      } else if (outcome instanceof Outcome.Measured measured && !measured.searchReported()) {
        out.println(measured.configuration().label() + ": the server's answers do not say which search ran"
            + " (a build before hybrid search): they are full-text answers.");
      }
    }
    out.println(String.format(Locale.ROOT,
        "set: %,d memories, %d questions (%d asked); recall@k and MRR count the memories that answer (grade 2),"
            + " nDCG@10 is graded (2 answers, 1 helps); memory_recall limit 10, relevance order;"
            + " round trips measured by the client over stdio after %d untimed recalls.",
        set.memories().size(), set.queries().size(), asked, ConfigurationRun.warmUp(asked)));
  }

  void writeJson(Path file) throws IOException {
    ObjectNode root = EvalSetFormat.JSON.createObjectNode();
    root.put("memories", set.memories().size());
    root.put("questions", set.queries().size());
    ArrayNode configurations = root.putArray("configurations");
    for (Outcome outcome : outcomes) {
      ObjectNode node = configurations.addObject();
      node.put("config", outcome.configuration().label());
      if (outcome instanceof Outcome.Unavailable unavailable) {
        node.put("status", "unavailable");
        node.put("reason", unavailable.reason());
      } else if (outcome instanceof Outcome.Refused refused) {
        node.put("status", "refused");
        node.put("reason", refused.reason());
      } else if (outcome instanceof Outcome.Measured measured) {
        node.put("status", "measured");
        node.put("search_reported", measured.searchReported());
        ArrayNode figures = node.putArray("figures");
        for (String group : groups()) {
          figures.add(json(figures(group, measured)));
        }
        ArrayNode questions = node.putArray("questions");
        for (QueryRanking ranking : measured.rankings()) {
          ObjectNode question = questions.addObject();
          question.put("id", ranking.query().id());
          question.put("stratum", ranking.query().stratum().label());
          question.put("recall_at_5", ranking.recallAt(5));
          question.put("recall_at_10", ranking.recallAt(10));
          question.put("ndcg_at_10", ranking.ndcgAt10());
          question.put("reciprocal_rank", ranking.reciprocalRank());
          question.put("round_trip_ms", ranking.roundTripNanos() / 1e6);
          ranking.ranked().forEach(question.putArray("ranked")::add);
        }
      }
    }
    Files.writeString(file, EvalSetFormat.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  private List<String> groups() {
    List<String> groups = strata.stream().map(Stratum::label).collect(Collectors.toCollection(ArrayList::new));
    groups.add(ALL);
    return groups;
  }

  private static Figures figures(String group, Outcome.Measured measured) {
    List<QueryRanking> rankings = measured.rankings().stream()
        .filter(ranking -> group.equals(ALL) || ranking.query().stratum().label().equals(group))
        .collect(Collectors.toList());
    return Figures.of(group, rankings);
  }

  private static ObjectNode json(Figures figures) {
    ObjectNode node = EvalSetFormat.JSON.createObjectNode();
    node.put("stratum", figures.group());
    node.put("queries", figures.queries());
    node.put("recall_at_5", figures.recallAt5());
    node.put("recall_at_10", figures.recallAt10());
    node.put("ndcg_at_10", figures.ndcgAt10());
    node.put("mrr", figures.mrr());
    figures.newerFirst().ifPresent(share -> node.put("newer_first", share));
    figures.newerAboveOlder().ifPresent(share -> node.put("newer_above_older", share));
    node.put("p50_ms", figures.p50Nanos() / 1e6);
    node.put("p95_ms", figures.p95Nanos() / 1e6);
    return node;
  }

  private static String score(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static String share(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.0f%%", 100 * value.getAsDouble()) : "";
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static void printTable(PrintStream out, List<String[]> lines) {
    int[] widths = new int[lines.get(0).length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (int index = 0; index < lines.size(); index++) {
      out.println(row(lines.get(index), widths));
      if (index == 0) {
        String[] rule = new String[widths.length];
        for (int i = 0; i < widths.length; i++) {
          rule[i] = "-".repeat(widths[i]);
        }
        out.println(row(rule, widths));
      }
    }
  }

  private static String row(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
    }
    return line.toString();
  }
}
