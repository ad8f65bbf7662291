import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints the mutation score per package from PIT's mutations.xml: killed mutants over covered
 * ones (mutants no test reaches are counted apart, not in the score). Run by scripts/mutation.sh as
 * a single-file program: {@code java scripts/MutationScores.java REPORT [HIGHLIGHTED [--survivors]]}.
 */
final class MutationScores {
  private static final String ROOT = "dev.claudememory.";

  private static final class Tally {
    int mutants;
    int noCoverage;
    int killed;
    final List<String> survivors = new ArrayList<>();

    int covered() {
      return mutants - noCoverage;
    }

    String score() {
      return covered() == 0 ? "-" : String.format("%.1f %%", 100.0 * killed / covered());
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: MutationScores REPORT [HIGHLIGHTED_PACKAGE [--survivors]]");
      System.exit(2);
    }
    Path report = Path.of(args[0]);
    String highlighted = args.length > 1 ? args[1] : "core.sync";
    boolean listSurvivors = args.length > 2 && args[2].equals("--survivors");
    if (!Files.isRegularFile(report)) {
      System.err.println("no PIT report at " + report);
      System.exit(1);
    }
    NodeList mutations =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
            .getElementsByTagName("mutation");
    Map<String, Tally> packages = new TreeMap<>();
    Tally total = new Tally();
    for (int i = 0; i < mutations.getLength(); i++) {
      Element mutation = (Element) mutations.item(i);
      String status = mutation.getAttribute("status");
      if (status.equals("NON_VIABLE")) {
        continue; // never ran: neither covered nor missed
      }
      String mutatedClass = text(mutation, "mutatedClass");
      String name = mutatedClass.substring(0, mutatedClass.lastIndexOf('.')).replace(ROOT, "");
      Tally tally = packages.computeIfAbsent(name, key -> new Tally());
      for (Tally counted : List.of(tally, total)) {
        counted.mutants++;
        if (status.equals("NO_COVERAGE")) {
          counted.noCoverage++;
        } else if (Boolean.parseBoolean(mutation.getAttribute("detected"))) {
          counted.killed++;
        }
      }
      if (status.equals("SURVIVED")) {
        tally.survivors.add(String.format("  %s:%s %s (%s)", mutatedClass.replace(ROOT, ""),
            text(mutation, "lineNumber"), text(mutation, "description"), text(mutation, "mutatedMethod")));
      }
    }
    String format = "%-2s%-24s %8s %8s %8s %9s%n";
    System.out.printf(format, "", "package", "mutants", "covered", "killed", "score");
    packages.forEach((name, tally) -> System.out.printf(format, name.equals(highlighted) ? "*" : "", name,
        tally.mutants, tally.covered(), tally.killed, tally.score()));
    System.out.printf(format, "", "all of core", total.mutants, total.covered(), total.killed, total.score());
    Tally chosen = packages.get(highlighted);
    if (chosen != null) {
      System.out.printf("%n%s: %d of %d covered mutants killed, score %s (%d not reached by any test)%n",
          highlighted, chosen.killed, chosen.covered(), chosen.score(), chosen.noCoverage);
      if (listSurvivors) {
        System.out.println("surviving mutants in " + highlighted + ":");
        chosen.survivors.forEach(System.out::println);
      }
    }
  }

  private static String text(Element mutation, String tag) {
    NodeList found = mutation.getElementsByTagName(tag);
    return found.getLength() == 0 ? "" : found.item(0).getTextContent();
  }
}
