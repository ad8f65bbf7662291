package dev.claudememory.cli;

import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.ParkedOpResult;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SyncControl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "discard",
    mixinStandardHelpOptions = true,
    description = {
      "Drop a parked update or delete; the server's copy wins.",
      "The next sync (a full one) brings the server's version of the memory back over the local"
          + " change. A parked create cannot be discarded (the server never had the memory):"
          + " update the memory so the server accepts it, which queues it again, or delete it."
    })
final class DeadLetterDiscardCommand implements Callable<Integer> {
  @ParentCommand private DeadLetterCommand deadLetter;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OP-ID", description = "The op id, from 'dead-letter list'.")
  private long opId;

  @Override
  public Integer call() {
    return deadLetter.sync().withControl(spec, this::discard);
  }

  private int discard(SyncControl control) {
    ParkedOpResult result = control.discard(opId);
    if (result instanceof ParkedOpResult.Refused) {
      ParkedOpResult.Refused refused = (ParkedOpResult.Refused) result;
      spec.commandLine().getErr().println("claude-memory: " + message(refused, control));
      return CliMain.EXIT_REFUSED;
    }
    if (result instanceof ParkedOpResult.Done) {
      PendingOp op = ((ParkedOpResult.Done) result).op();
      spec.commandLine().getOut().println(
          "Discarded " + op.describe() + "; "
              + (op.kind() == OpKind.DELETE
                  ? "the next sync brings the memory back from the server."
                  : "the next sync replaces the local memory with the server's copy."));
      return CliMain.EXIT_OK;
    }
    throw new AssertionError(result);
  }

  /** For a create the server never accepted, the commands that help instead. */
  private String message(ParkedOpResult.Refused refused, SyncControl control) {
    if (refused.refusal() != ParkedOpResult.Refusal.UNSENT_CREATE) {
      return refused.message();
    }
    return control.parked().stream()
        .filter(op -> op.id() == opId)
        .findFirst()
        .flatMap(PendingOp::memoryId)
        .map(id -> "Operation " + opId + " creates memory #" + id + ", which the server has never"
            + " accepted, so it cannot be discarded. Fix what the server's reason names with"
            + " 'claude-memory update " + id + " ...' (that queues it again; 'claude-memory sync"
            + " dead-letter list' shows the reason), or remove the memory with 'claude-memory delete "
            + id + "'.")
        .orElse(refused.message());
  }
}
