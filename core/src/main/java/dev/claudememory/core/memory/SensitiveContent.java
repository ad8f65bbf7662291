package dev.claudememory.core.memory;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises content that looks like a credential, so it is stored as sensitive and shown only by
 * {@code secret_get}. Errs on the side of hiding: a false positive costs a {@code secret_get}
 * call, a false negative shows a secret. Ordinary prose about passwords and tokens ("the token
 * bucket refills hourly", "password reset flow uses email") is not a credential.
 */
public final class SensitiveContent {
  /** Names that mean a secret whatever follows; a prefix may run into them (dbPassword, apiKey). */
  private static final String STRONG_NAME =
      "(?:pass(?:word|wd|phrase)|api[_ -]?key|access[_ -]?key|secret[_ -]?(?:access[_ -]?)?key"
          + "|(?:auth|access|refresh|bearer)[_ -]?token|private[_ -]?key|client[_ -]?secret)"
          + "(?![a-z0-9])";

  /** Names that are also ordinary words ("tests pass: 12/12"): only a secret-looking value counts. */
  private static final String WEAK_NAME =
      "(?<![a-z0-9])(?:pass|pwd|secret|token|credentials?)(?![a-z0-9])";

  /** {@code =} or {@code :} (not {@code ==} or {@code ::}), after an optional closing quote. */
  private static final String ASSIGN = "[\"']?\\s*[:=](?![:=])\\s*";

  /** An assigned value that is not a number or a placeholder such as {@code null}. */
  private static final String NOT_A_PLACEHOLDER =
      "[\"'`]?(?![0-9.]+(?:[\\s\"'`,;]|$))"
          + "(?!(?:null|none|nil|true|false|undefined)(?:[\\s\"'`,;]|$))[^\\s\"'`,;]";

  /** A value with letters and digits mixed, or a long run of token characters. */
  private static final String SECRET_LOOKING =
      "[\"'`]?(?:(?=[^\\s\"'`]*[a-z])(?=[^\\s\"'`]*[0-9])[^\\s\"'`]{6,}|[a-z0-9_+/=.-]{20,})";

  private static final List<Pattern> CREDENTIAL_PATTERNS =
      List.of(
          // password=..., DB_PASSWORD=..., "api_key": "...", clientSecret: ...
          Pattern.compile("(?i)" + STRONG_NAME + ASSIGN + "\\S"),
          // GITHUB_TOKEN=ghp_x, token=abc (but not max_token=4096 or token = null)
          Pattern.compile("(?i)" + WEAK_NAME + "[\"']?\\s*=(?!=)\\s*" + NOT_A_PLACEHOLDER),
          // token: abc123def, secret: s3cr3tvalue (but not "pass: 12/12" or "token: see docs")
          Pattern.compile("(?i)" + WEAK_NAME + ASSIGN + SECRET_LOOKING),
          // "the admin password is Tr0ub4dor3"
          Pattern.compile(
              "(?i)(?:" + STRONG_NAME + "|" + WEAK_NAME + ")\\s+(?:is|was)\\s*:?\\s+"
                  + SECRET_LOOKING),
          Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----"),
          Pattern.compile("(?i)\\bbearer\\s+[a-z0-9._~+/=-]{16,}"),
          // scheme://user:password@host, and scheme://:password@host (Redis has no user)
          Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]*:[^\\s@/]+@\\S+"),
          Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
          Pattern.compile("\\b(?:ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}"),
          Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}"),
          Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
          Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"));

  /**
   * Every pattern above needs one of these in the text, compared in lower case. Most memories hold
   * none, and then no pattern runs: scanning with all of them costs far more than a store.
   */
  private static final List<String> CLUES =
      List.of(
          "pass", "pwd", "key", "token", "secret", "credential", "bearer", "-----begin", "://", "akia", "asia",
          "gh", "github_pat", "sk-", "xox", "eyj");

  private SensitiveContent() {}

  /**
   * False when the text holds none of the words every credential pattern needs: it then holds no
   * credential, and looking further can be skipped.
   */
  public static boolean mayHoldCredential(String content) {
    String lowerCase = content.toLowerCase(Locale.ROOT);
    for (String clue : CLUES) {
      if (lowerCase.contains(clue)) {
        return true;
      }
    }
    return false;
  }

  public static boolean looksLikeCredential(String content) {
    if (!mayHoldCredential(content)) {
      return false;
    }
    for (Pattern pattern : CREDENTIAL_PATTERNS) {
      if (pattern.matcher(content).find()) {
        return true;
      }
    }
    return false;
  }
}
