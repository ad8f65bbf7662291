package dev.claudememory.core.sync;

import java.util.regex.Pattern;

/**
 * Whether a memory on the server is the copy of a local one. The server keeps content as sent,
 * except that it replaces credentials with {@code [REDACTED:<kind>]}: such a token stands for any
 * text, and the rest must match in order.
 */
public final class ContentMatch {
  private static final Pattern REDACTION = Pattern.compile("\\[REDACTED:[^\\]]*\\]");

  private ContentMatch() {}

  public static boolean isRedacted(String serverContent) {
    return REDACTION.matcher(serverContent).find();
  }

  public static boolean sameMemory(String serverContent, String localContent) {
    if (serverContent.equals(localContent)) {
      return true;
    }
    if (!isRedacted(serverContent)) {
      return false;
    }
    String[] literals = REDACTION.split(serverContent, -1);
    int from = 0;
    for (int index = 0; index < literals.length; index++) {
      String literal = literals[index];
      if (index == 0) {
        if (!localContent.startsWith(literal)) {
          return false;
        }
        from = literal.length();
        continue;
      }
      int found =
          index == literals.length - 1
              ? localContent.endsWith(literal) ? localContent.length() - literal.length() : -1
              : localContent.indexOf(literal, from);
      if (found < from) {
        return false;
      }
      from = found + literal.length();
    }
    return true;
  }
}
