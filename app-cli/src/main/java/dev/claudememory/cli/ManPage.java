package dev.claudememory.cli;

import dev.claudememory.config.EnvironmentVariable;
import dev.claudememory.config.SettingsParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code claude-memory(1)} man page, in troff, rendered from the same picocli model as {@code
 * --help} so the two cannot disagree. The build runs {@link #main} in the package phase.
 */
final class ManPage {
  /** Fits the man page's indented text on an 80-column terminal. */
  private static final int WIDTH = 72;

  private static final List<String> USAGE_SECTIONS =
      List.of(
          UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING,
          UsageMessageSpec.SECTION_KEY_SYNOPSIS,
          UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING,
          UsageMessageSpec.SECTION_KEY_DESCRIPTION,
          UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING,
          UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
          UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
          UsageMessageSpec.SECTION_KEY_OPTION_LIST,
          UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING,
          UsageMessageSpec.SECTION_KEY_COMMAND_LIST);

  private ManPage() {}

  /** Writes {@code claude-memory.1} into the folder {@code args[0]}; {@code args[1]} is the version. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ManPage OUTPUT_FOLDER VERSION");
    }
    Path folder = Files.createDirectories(Path.of(args[0]));
    CommandLine root = new CommandLine(new CliMain(SettingsParser::fromEnvironment));
    Files.writeString(folder.resolve(root.getCommandName() + ".1"), render(root, args[1]), StandardCharsets.UTF_8);
  }

  static String render(CommandLine root, String version) {
    root.setUsageHelpWidth(WIDTH);
    String name = root.getCommandName();
    StringBuilder page = new StringBuilder();
    page.append(".TH ").append(name.toUpperCase(Locale.ROOT)).append(" 1 \"\" \"")
        .append(name).append(' ').append(version).append("\" \"User Commands\"\n");
    page.append(".SH NAME\n").append(name).append(" \\- ").append(escape(first(root.getCommandSpec()))).append('\n');
    page.append(".SH SYNOPSIS\n.B ").append(name).append("\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGUMENTS\\fR]\n");
    page.append(".SH DESCRIPTION\n");
    page.append(escape(first(root.getCommandSpec())))
        .append(" Every memory lives in a local SQLite database with full\\-text search; with")
        .append(" MEMORY_API_KEY set, changes are also synced with a memory API.\n")
        .append(".PP\nMCP clients reach the same memories through \\fB").append(name)
        .append(" mcp\\fR; \\fB").append(name).append(" install\\fR registers it with Claude Code.")
        .append(" Each command is described below as its \\fB\\-\\-help\\fR shows it.\n");
    page.append(".SH OPTIONS\n").append(preformatted(usage(root, List.of(UsageMessageSpec.SECTION_KEY_OPTION_LIST))));
    page.append(".SH COMMANDS\n");
    appendCommands(page, root);
    page.append(".SH ENVIRONMENT\n");
    for (EnvironmentVariable variable : EnvironmentSection.variables()) {
      page.append(".TP\n.B ").append(variable.name()).append('\n').append(escape(variable.description())).append('\n');
      variable.alias().ifPresent(alias -> page.append(".br\nalias: ").append(alias).append('\n'));
      page.append(".br\ndefault: ").append(escape(variable.defaultValue())).append('\n');
    }
    page.append(".SH \"EXIT STATUS\"\n");
    page.append(".TP\n.B 0\ndone\n");
    page.append(".TP\n.B 1\nnot found, input refused, or the command failed (such as a sync)\n");
    page.append(".TP\n.B 2\nusage or configuration error\n");
    page.append(".SH FILES\n.TP\n.I ~/.claude/claude\\-memory/memory/memory.db\n")
        .append("the local database (see MEMORY_HOME and MEMORY_DB)\n");
    return page.toString();
  }

  private static void appendCommands(StringBuilder page, CommandLine parent) {
    for (Map.Entry<String, CommandLine> entry : parent.getSubcommands().entrySet()) {
      CommandLine command = entry.getValue();
      if (!entry.getKey().equals(command.getCommandName())
          || command.getCommandSpec().usageMessage().hidden()
          || command.getCommandSpec().helpCommand()) {
        continue; // an alias, a command kept out of help, or 'help' itself (the page is the help)
      }
      page.append(".SS \"").append(escape(command.getCommandSpec().qualifiedName())).append("\"\n");
      page.append(preformatted(usage(command, USAGE_SECTIONS)));
      appendCommands(page, command);
    }
  }

  /** These sections of a command's help, as plain text. */
  private static String usage(CommandLine command, List<String> sections) {
    Help help = new Help(command.getCommandSpec(), Help.defaultColorScheme(Help.Ansi.OFF));
    Map<String, IHelpSectionRenderer> renderers = command.getHelpSectionMap();
    StringBuilder text = new StringBuilder();
    for (String section : sections) {
      IHelpSectionRenderer renderer = renderers.get(section);
      if (renderer != null) {
        text.append(renderer.render(help));
      }
    }
    return text.toString();
  }

  private static String first(CommandSpec spec) {
    String[] description = spec.usageMessage().description();
    return description.length == 0 ? "" : description[0];
  }

  private static String preformatted(String text) {
    StringBuilder block = new StringBuilder(".PP\n.nf\n");
    // Blank lines around the block go, but not the first line's indentation, which aligns it
    text.replaceFirst("\\A(?:[ \\t]*\\R)+", "")
        .stripTrailing()
        .lines()
        .forEach(line -> block.append(escape(line)).append('\n'));
    return block.append(".fi\n").toString();
  }

  /**
   * Text troff shows as written: backslashes and hyphens escaped (a plain hyphen may print as a
   * typographic one, which breaks copied options), and a line that would start with a request
   * character guarded.
   */
  private static String escape(String text) {
    String escaped = text.replace("\\", "\\e").replace("-", "\\-");
    return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
  }
}
