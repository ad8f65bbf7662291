package dev.claudememory.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print the shell completion script for bash and zsh, generated from the commands themselves.",
      "bash:  source <(claude-memory completion)   (or save it under ~/.local/share/bash-completion/completions/claude-memory)",
      "zsh:   autoload -U +X bashcompinit && bashcompinit && source <(claude-memory completion)"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return CliMain.EXIT_OK;
  }
}
