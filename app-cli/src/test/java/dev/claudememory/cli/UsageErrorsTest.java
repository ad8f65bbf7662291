package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Which argument a usage error's advice names as text read as an option, on the real commands. */
final class UsageErrorsTest {
  private static CommandSpec command(String name) {
    CommandLine root =
        new CommandLine(
            new CliMain(
                () -> {
                  throw new AssertionError("no command runs here");
                }));
    return root.getSubcommands().get(name).getCommandSpec();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "content                   | store;-x extracts the archive              | -x extracts the archive",
        "after options             | store;-k;flag;-c;facts;-x extracts it      | -x extracts it",
        "after an option's = value | store;--importance=0.5;-y                  | -y",
        "a negative number         | delete;-5                                  | -5",
        "a recall word             | recall;kestrel;-x                          | -x",
        "an option's value         | store;-i;-0.5                              |",
        "after --                  | store;-k;flag;--;-x extracts it            |",
        "known options only        | store;--json;-k;flag                       |",
        "a command without text    | list;--bogus                               |"
      })
  void theFirstArgumentBeginningWithADashThatIsNoOptionIsNamed(String name, String arguments, String expected) {
    String[] args = arguments.split(";", -1);

    Optional<String> named = UsageErrors.textTakenForAnOption(command(args[0]), args);

    assertThat(named).isEqualTo(expected == null ? Optional.empty() : Optional.of(expected));
  }
}
