package dev.claudememory.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors as picocli tells them (the error, then suggestions or the usage), plus one line
 * when the likely cause is text that begins with '-' (content such as {@code -x extracts the
 * archive}), which is read as an option: how to give it as text.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException error, String[] args) {
    CommandLine line = error.getCommandLine();
    CommandSpec spec = line.getCommandSpec();
    PrintWriter err = line.getErr();
    err.println(line.getColorScheme().errorText(error.getMessage()));
    textTakenForAnOption(spec, args)
        .ifPresent(
            text ->
                err.println(
                    "claude-memory: " + quoted(text) + " was taken for an option because it begins with '-';"
                        + " to give it as text, put -- before it, after the options: "
                        + spec.qualifiedName() + " [OPTIONS] -- " + quoted(text)));
    if (!UnmatchedArgumentException.printSuggestions(error, err)) {
      line.usage(err, line.getColorScheme());
    }
    return spec.exitCodeOnInvalidInput();
  }

  /**
   * The first argument that begins with '-' and is none of the command's options nor an option's
   * value, for a command that takes text (positional parameters); none after {@code --}.
   */
  static Optional<String> textTakenForAnOption(CommandSpec spec, String[] args) {
    if (spec.positionalParameters().isEmpty()) {
      return Optional.empty();
    }
    boolean optionValueNext = false;
    for (String arg : args) {
      if (arg.equals("--")) {
        return Optional.empty();
      }
      if (optionValueNext) {
        optionValueNext = false;
        continue;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        continue;
      }
      int equals = arg.indexOf('=');
      Optional<OptionSpec> option = optionNamed(spec, equals < 0 ? arg : arg.substring(0, equals));
      if (option.isEmpty()) {
        return Optional.of(arg);
      }
      optionValueNext = equals < 0 && option.get().arity().max() > 0;
    }
    return Optional.empty();
  }

  private static Optional<OptionSpec> optionNamed(CommandSpec spec, String name) {
    for (CommandSpec command = spec; command != null; command = command.parent()) {
      Optional<OptionSpec> found =
          command.options().stream().filter(option -> Arrays.asList(option.names()).contains(name)).findFirst();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** In single quotes, as a POSIX shell reads it back. */
  private static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
