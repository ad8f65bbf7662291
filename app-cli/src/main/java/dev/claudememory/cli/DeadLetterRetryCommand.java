package dev.claudememory.cli;

import dev.claudememory.core.sync.ParkedOpResult;
import dev.claudememory.core.sync.SyncControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Queue parked operations again: one by OP-ID, or --all.",
      "Due now with their attempts reset, for when the server, or the memory, was fixed."
    })
final class DeadLetterRetryCommand implements Callable<Integer> {
  @ParentCommand private DeadLetterCommand deadLetter;
  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "OP-ID",
      description = "The op id, from 'dead-letter list'.")
  private Long opId;

  @Option(names = "--all", description = "Every parked operation.")
  private boolean all;

  @Override
  public Integer call() {
    if (all == (opId != null)) {
      throw new ParameterException(spec.commandLine(), "Give either an OP-ID or --all");
    }
    return deadLetter.sync().withControl(spec, all ? this::retryAll : this::retryOne);
  }

  private int retryAll(SyncControl control) {
    int retried = control.retryAll();
    spec.commandLine().getOut().println(
        retried == 0
            ? "No parked operations."
            : "Queued again " + retried + " parked operation" + (retried == 1 ? "" : "s")
                + "; they are pushed at the next sync.");
    return CliMain.EXIT_OK;
  }

  private int retryOne(SyncControl control) {
    ParkedOpResult result = control.retry(opId);
    if (result instanceof ParkedOpResult.Refused) {
      spec.commandLine().getErr().println("claude-memory: " + ((ParkedOpResult.Refused) result).message());
      return CliMain.EXIT_REFUSED;
    }
    if (result instanceof ParkedOpResult.Done) {
      spec.commandLine().getOut().println(
          "Queued " + ((ParkedOpResult.Done) result).op().describe()
              + " again; it is pushed at the next sync.");
      return CliMain.EXIT_OK;
    }
    throw new AssertionError(result);
  }
}
