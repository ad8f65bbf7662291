package dev.claudememory.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.maintenance.Check;
import dev.claudememory.core.maintenance.CheckStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check the settings, file permissions, database (integrity, full-text index, schema,"
          + " duplicate memories, sync queue and lease), memory API, log file and class-data"
          + " archive; each line is OK, WARN or FAIL with what to do. Changes nothing.",
      "Exit status 1 when any check FAILs."
    })
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand private CliMain main;
  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "Print the checks as a JSON list.")
  private boolean json;

  @Override
  public Integer call() {
    List<Check> checks = new ArrayList<>();
    try {
      checks.addAll(main.maintenance(main.settings()).doctor());
    } catch (InvalidInputException e) {
      // nothing else can be checked without the settings; the message names the variable
      checks.add(
          Check.fail(
              "settings", e.getMessage(), "fix " + e.field() + " (see claude-memory --help)"));
    }
    checks.add(ClassDataArchiveCheck.ofThisProcess());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Output.printJson(out, json(checks));
    } else {
      print(out, checks);
    }
    return checks.stream().anyMatch(Check::failed) ? CliMain.EXIT_REFUSED : CliMain.EXIT_OK;
  }

  private static void print(PrintWriter out, List<Check> checks) {
    int width = checks.stream().mapToInt(check -> check.name().length()).max().orElse(0);
    String indent = " ".repeat(6 + width + 2);
    for (Check check : checks) {
      out.printf("%-4s  %-" + width + "s  %s%n", check.status(), check.name(), check.detail());
      check.advice().ifPresent(advice -> out.println(indent + "-> " + advice));
    }
    out.printf(
        "%d FAIL, %d WARN, %d OK%n",
        count(checks, CheckStatus.FAIL),
        count(checks, CheckStatus.WARN),
        count(checks, CheckStatus.OK));
  }

  private static long count(List<Check> checks, CheckStatus status) {
    return checks.stream().filter(check -> check.status() == status).count();
  }

  private static ArrayNode json(List<Check> checks) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Check check : checks) {
      ObjectNode node = array.addObject();
      node.put("name", check.name());
      node.put("status", check.status().name());
      node.put("detail", check.detail());
      check
          .advice()
          .ifPresentOrElse(advice -> node.put("advice", advice), () -> node.putNull("advice"));
    }
    return array;
  }
}
