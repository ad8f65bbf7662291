package dev.claudememory.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the parked operations, never their content.",
      "Op id, kind, memory, attempts, when queued, and the server's reason."
    })
final class DeadLetterListCommand implements Callable<Integer> {
  @ParentCommand private DeadLetterCommand deadLetter;
  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "Print the operations as JSON.")
  private boolean json;

  @Override
  public Integer call() {
    return deadLetter.sync().withControl(
        spec,
        control -> {
          SyncOutput.printParked(spec.commandLine().getOut(), control.parked(), json);
          return CliMain.EXIT_OK;
        });
  }
}
