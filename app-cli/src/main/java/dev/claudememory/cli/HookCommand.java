package dev.claudememory.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The hooks Claude Code runs (the plugin's {@code hooks/hooks.json} names them). */
@Command(
    name = HookCommand.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Claude Code hooks: read the event's JSON on stdin, print the hook's JSON answer on stdout.",
      "They always exit 0, answering nothing on an error or after 1 s."
    },
    subcommands = {UserPromptSubmitHook.class, CommandLine.HelpCommand.class})
final class HookCommand {
  static final String NAME = "hook";

  @ParentCommand private CliMain main;

  CliMain main() {
    return main;
  }
}
