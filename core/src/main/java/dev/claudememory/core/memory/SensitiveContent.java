package dev.claudememory.core.memory;

import java.util.List;

/**
 * Recognises content that looks like a credential, so it is stored as sensitive and shown only by
 * {@code secret_get}. Errs on the side of hiding: a false positive costs a {@code secret_get}
 * call, a false negative shows a secret. Ordinary prose about passwords and tokens ("the token
 * bucket refills hourly", "password reset flow uses email") is not a credential.
 *
 * <p>Every store asks, so the text is read once: each kind of {@link CredentialKinds} is tried only
 * where its clue (its prefix, or the name before a value) stands, and the few kinds without one
 * only when the text holds a run of token characters as long as theirs. Thread-safe.
 */
public final class SensitiveContent {
  /** The shortest run of token characters a credential known only by its shape holds. */
  private static final int SHAPED_RUN = 24;

  private static final CredentialClues CLUES = new CredentialClues(CredentialKinds.ALL);
  private static final List<CredentialKind> SHAPED =
      CredentialKinds.ALL.stream().filter(CredentialKind::isShaped).toList();

  private SensitiveContent() {}

  /**
   * False when the text holds no clue of any kind and no long run of token characters: it then
   * holds no credential, and looking further can be skipped.
   */
  public static boolean mayHoldCredential(String content) {
    return scan(content, false);
  }

  public static boolean looksLikeCredential(String content) {
    return scan(content, true);
  }

  private static boolean scan(String content, boolean confirm) {
    if (CLUES.found(content, confirm)) {
      return true;
    }
    if (CredentialClues.longestTokenRun(content) < SHAPED_RUN) {
      return false;
    }
    if (!confirm) {
      return true;
    }
    for (CredentialKind kind : SHAPED) {
      if (kind.pattern().matcher(content).find()) {
        return true;
      }
    }
    return false;
  }
}
