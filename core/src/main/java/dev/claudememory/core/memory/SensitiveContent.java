package dev.claudememory.core.memory;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises content that looks like a credential, so it is stored as sensitive and shown only by
 * {@code secret_get}. Errs on the side of hiding: a false positive costs a {@code secret_get}
 * call, a false negative shows a secret.
 */
public final class SensitiveContent {
  private static final List<Pattern> CREDENTIAL_PATTERNS =
      List.of(
          // password=..., api_key: ..., token = ..., client-secret ...
          Pattern.compile(
              "(?i)\\b(pass(word|wd|phrase)?|pwd|secret|api[_ -]?key|access[_ -]?key|auth[_ -]?token"
                  + "|token|private[_ -]?key|client[_ -]?secret|credentials?)\\b\\s*[:=]\\s*\\S+"),
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
          Pattern.compile("(?i)\\bbearer\\s+[a-z0-9._~+/=-]{16,}"),
          // scheme://user:password@host
          Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]+:[^\\s@/]+@\\S+"),
          Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
          Pattern.compile("\\b(ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}"),
          Pattern.compile("\\bsk-[A-Za-z0-9_-]{20,}"),
          Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
          Pattern.compile("\\beyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"));

  private SensitiveContent() {}

  public static boolean looksLikeCredential(String content) {
    for (Pattern pattern : CREDENTIAL_PATTERNS) {
      if (pattern.matcher(content).find()) {
        return true;
      }
    }
    return false;
  }
}
