package dev.claudememory.cli;

import dev.claudememory.config.EnvironmentVariable;
import dev.claudememory.config.SettingsParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Adds an "Environment:" section, before the footer, to the usage help of the command it is
 * declared on. The list is the settings parser's own, so help cannot drift from what is read.
 */
final class EnvironmentSection implements IModelTransformer {
  private static final String HEADING_KEY = "environmentHeading";
  private static final String LIST_KEY = "environment";

  /** Every variable the product reads, in the order help shows them. */
  static List<EnvironmentVariable> variables() {
    return SettingsParser.documentedVariables();
  }

  @Override
  public CommandSpec transform(CommandSpec spec) {
    UsageMessageSpec usage = spec.usageMessage();
    Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>(usage.sectionMap());
    sections.put(HEADING_KEY, help -> help.createHeading("%nEnvironment:%n"));
    sections.put(LIST_KEY, EnvironmentSection::render);
    List<String> keys = new ArrayList<>(usage.sectionKeys());
    int footer = keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
    keys.addAll(footer < 0 ? keys.size() : footer, List.of(HEADING_KEY, LIST_KEY));
    usage.sectionMap(sections);
    usage.sectionKeys(keys);
    return spec;
  }

  private static String render(Help help) {
    List<EnvironmentVariable> variables = variables();
    int nameWidth = variables.stream().mapToInt(variable -> variable.name().length()).max().orElse(0) + 4;
    int width = help.commandSpec().usageMessage().width();
    TextTable table =
        TextTable.forColumns(
            help.colorScheme(),
            new Column(nameWidth, 2, Overflow.SPAN),
            new Column(width - nameWidth, 0, Overflow.WRAP));
    for (EnvironmentVariable variable : variables) {
      table.addRowValues(variable.name(), variable.description());
      variable.alias().ifPresent(alias -> table.addRowValues("", "alias: " + alias));
      table.addRowValues("", "default: " + variable.defaultValue());
    }
    return table.toString();
  }
}
