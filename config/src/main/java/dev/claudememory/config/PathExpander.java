package dev.claudememory.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Turns a configured path into an absolute one: {@code $VAR} and {@code ${VAR}} are replaced from
 * the environment first, then a leading {@code ~} becomes the user's home (in that order, so {@code
 * MEMORY_DB=$MEMORY_HOME/x} with {@code MEMORY_HOME=~/data} lands under the home).
 */
final class PathExpander {
  private final Function<String, String> variables;
  private final Path userHome;

  /**
   * @param variables the value of an environment variable by name, null when it is not set
   * @param userHome what {@code ~} stands for
   */
  PathExpander(Function<String, String> variables, Path userHome) {
    this.variables = variables;
    this.userHome = userHome;
  }

  Path expand(SettingValue value) {
    String text = withTilde(value, withVariables(value));
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw value.invalid("is not a usable path (" + e.getReason() + ")");
    }
  }

  private String withVariables(SettingValue value) {
    String text = value.text();
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '$' || i + 1 == text.length()) {
        out.append(c);
        i++;
        continue;
      }
      int nameStart;
      int nameEnd;
      int next;
      if (text.charAt(i + 1) == '{') {
        nameStart = i + 2;
        nameEnd = text.indexOf('}', nameStart);
        if (nameEnd < 0) {
          throw value.invalid("has a ${ without its closing }");
        }
        next = nameEnd + 1;
      } else {
        nameStart = i + 1;
        nameEnd = nameStart;
        while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd), nameEnd == nameStart)) {
          nameEnd++;
        }
        next = nameEnd;
      }
      String name = text.substring(nameStart, nameEnd);
      if (next > nameEnd && !isName(name)) {
        throw value.invalid("has ${" + name + "}, which is not a variable name");
      }
      if (name.isEmpty()) {
        // "$" before something that is not a name ("$5", "a$/b") stays as it is, as in a shell
        out.append(c);
        i++;
        continue;
      }
      String replacement = variables.apply(name);
      if (replacement == null) {
        // A path with a literal "$FOO" directory in it is far more likely a forgotten export
        throw value.invalid("refers to $" + name + ", which is not set");
      }
      out.append(replacement);
      i = next;
    }
    return out.toString();
  }

  private String withTilde(SettingValue value, String text) {
    if (!text.startsWith("~")) {
      return text;
    }
    if (text.equals("~")) {
      return userHome.toString();
    }
    if (text.startsWith("~/") || text.startsWith("~" + java.io.File.separator)) {
      return userHome.toString() + text.substring(1);
    }
    throw value.invalid(
        "starts with ~user; only ~ (your own home) is expanded, so write the full" + " path");
  }

  private static boolean isName(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isNameChar(text.charAt(i), i == 0)) {
        return false;
      }
    }
    return !text.isEmpty();
  }

  private static boolean isNameChar(char c, boolean first) {
    boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    return first ? letter : letter || (c >= '0' && c <= '9');
  }
}
