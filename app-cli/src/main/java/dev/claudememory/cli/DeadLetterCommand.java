package dev.claudememory.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code sync dead-letter}: the changes the server refused for good. */
@Command(
    name = "dead-letter",
    mixinStandardHelpOptions = true,
    description = {
      "List, retry or discard the changes the server refused for good.",
      "A change the server refuses for good (a 4xx other than an auth failure) is parked, never"
          + " dropped, until you retry or discard it by its op id."
    },
    subcommands = {
      DeadLetterListCommand.class,
      DeadLetterRetryCommand.class,
      DeadLetterDiscardCommand.class,
      CommandLine.HelpCommand.class
    })
final class DeadLetterCommand {
  @ParentCommand private SyncCommand sync;

  SyncCommand sync() {
    return sync;
  }
}
