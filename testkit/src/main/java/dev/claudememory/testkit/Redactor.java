package dev.claudememory.testkit;

import dev.claudememory.core.memory.SensitiveContent;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's server-side redaction: replaces each secret in a credential-looking text with {@code
 * [REDACTED:<kind>]}, keeping the words around it ({@code db password=hunter2} becomes {@code db
 * password=[REDACTED:password]}). The patterns follow core's {@code SensitiveContent}, with the
 * secret value captured, so what core calls a credential is what gets redacted.
 */
public final class Redactor {
  private static final String STRONG_NAME =
      "(?:pass(?:word|wd|phrase)|api[_ -]?key|access[_ -]?key|secret[_ -]?(?:access[_ -]?)?key"
          + "|(?:auth|access|refresh|bearer)[_ -]?token|private[_ -]?key|client[_ -]?secret)"
          + "(?![a-z0-9])";
  private static final String WEAK_NAME =
      "(?<![a-z0-9])(?:pass|pwd|secret|token|credentials?)(?![a-z0-9])";
  private static final String ASSIGN = "[\"']?\\s*[:=](?![:=])\\s*";
  private static final String OPEN_QUOTE = "[\"'`]?";
  /** A value already redacted is left alone, so redacting twice changes nothing. */
  private static final String NOT_REDACTED = "(?!\\[REDACTED:)";
  private static final String VALUE = NOT_REDACTED + "[^\\s\"'`,;]+";
  private static final String NOT_A_PLACEHOLDER =
      "(?![0-9.]+(?:[\\s\"'`,;]|$))(?!(?:null|none|nil|true|false|undefined)(?:[\\s\"'`,;]|$))";
  private static final String SECRET_LOOKING =
      NOT_REDACTED
          + "(?:(?=[^\\s\"'`]*[a-z])(?=[^\\s\"'`]*[0-9])[^\\s\"'`]{6,}|[a-z0-9_+/=.-]{20,})";

  /**
   * A name, an assignment and a secret value: group 1 (the name and what joins it to the value) is
   * kept and names the kind, the rest of the match is the secret.
   */
  private static final List<Pattern> NAMED_VALUES =
      List.of(
          Pattern.compile("(?i)(" + STRONG_NAME + ASSIGN + OPEN_QUOTE + ")" + VALUE),
          Pattern.compile(
              "(?i)(" + WEAK_NAME + "[\"']?\\s*=(?!=)\\s*" + OPEN_QUOTE + ")"
                  + NOT_A_PLACEHOLDER + VALUE),
          Pattern.compile("(?i)(" + WEAK_NAME + ASSIGN + OPEN_QUOTE + ")" + SECRET_LOOKING),
          Pattern.compile(
              "(?i)((?:" + STRONG_NAME + "|" + WEAK_NAME + ")\\s+(?:is|was)\\s*:?\\s+"
                  + OPEN_QUOTE + ")" + SECRET_LOOKING));

  /** Whole-match secrets with a fixed kind, applied first: they are the most specific. */
  private static final List<Replacement> SHAPED =
      List.of(
          new Replacement(
              Pattern.compile(
                  "-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\\s\\S]*?"
                      + "(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)"),
              "[REDACTED:private_key]"),
          new Replacement(
              Pattern.compile(
                  "([a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]*:)" + NOT_REDACTED + "[^\\s@/]+(@)"),
              "$1[REDACTED:password]$2"),
          new Replacement(
              Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), "[REDACTED:aws_access_key]"),
          new Replacement(
              Pattern.compile("\\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}"),
              "[REDACTED:github_token]"),
          new Replacement(Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}"), "[REDACTED:api_key]"),
          new Replacement(
              Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"), "[REDACTED:slack_token]"),
          new Replacement(
              Pattern.compile(
                  "\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
              "[REDACTED:jwt]"),
          new Replacement(
              Pattern.compile("(?i)(\\bbearer\\s+)" + NOT_REDACTED + "[a-z0-9._~+/=-]{16,}"),
              "$1[REDACTED:token]"));

  private Redactor() {}

  /** The text with every secret found replaced; the text itself when none is found. */
  public static String redact(String text) {
    // the patterns cost about a millisecond a memory: scanning every one made this fake, not the
    // client, the bottleneck of a drain
    if (!SensitiveContent.mayHoldCredential(text)) {
      return text;
    }
    String result = text;
    for (Replacement replacement : SHAPED) {
      result = replacement.pattern().matcher(result).replaceAll(replacement.with());
    }
    for (Pattern pattern : NAMED_VALUES) {
      result = redactNamedValues(pattern, result);
    }
    return result;
  }

  private static String redactNamedValues(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String kind = kindOf(matcher.group(1));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group(1) + "[REDACTED:" + kind + "]"));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The kind named by the words before the secret, as the API names it. */
  private static String kindOf(String prefix) {
    String name = prefix.toLowerCase(Locale.ROOT);
    if (name.contains("pass") || name.contains("pwd")) {
      return "password";
    }
    if (name.contains("api")) {
      return "api_key";
    }
    if (name.contains("private")) {
      return "private_key";
    }
    if (name.contains("token")) {
      return "token";
    }
    if (name.contains("credential")) {
      return "credentials";
    }
    if (name.contains("key")) {
      return "access_key";
    }
    return "secret";
  }

  private record Replacement(Pattern pattern, String with) {}
}
