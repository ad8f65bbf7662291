package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What two memories share when they say the same thing: a hash of the content after
 * normalisation, so that storing "Use  Maven\n" next to "use maven" is seen as a duplicate.
 *
 * <p>Normalisation, in order: invisible characters at either end are dropped (as {@link Content}
 * counts them for blankness), every run of whitespace (any Unicode space, no-break ones included)
 * becomes one space, letters are lower-cased by Unicode rules ({@link Locale#ROOT}, not the
 * machine's language), and the result is put in Unicode normal form C, so a letter typed as one
 * precomposed character equals the same letter typed with a combining accent. Nothing else is
 * folded: punctuation, digits and compatibility forms (full-width letters, ligatures) count.
 *
 * <p>The value is the first 128 bits of the SHA-256 of the normalised text's UTF-8, as 32
 * lower-case hex digits: short enough to index cheaply, and stores compare the contents too.
 *
 * @param value 32 lower-case hex digits
 */
public record ContentKey(String value) {
  private static final int HEX_DIGITS = 32;

  public ContentKey {
    requireNonNull(value, "value");
    if (value.length() != HEX_DIGITS || !value.chars().allMatch(ContentKey::isLowerHexDigit)) {
      throw new IllegalArgumentException("a content key is 32 lower-case hex digits; got " + value);
    }
  }

  /** The key of a memory's content (any text, including rows pulled or left by older versions). */
  public static ContentKey of(String content) {
    byte[] digest = sha256(normalise(requireNonNull(content, "content")));
    return new ContentKey(HexFormat.of().formatHex(digest, 0, HEX_DIGITS / 2));
  }

  /** The text two duplicates have in common; see the class comment for the rules. */
  static String normalise(String content) {
    String stripped = TextRules.strip(content);
    StringBuilder collapsed = new StringBuilder(stripped.length());
    boolean inSpace = false;
    for (int i = 0; i < stripped.length(); ) {
      int codePoint = stripped.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
        inSpace = true;
        continue;
      }
      if (inSpace) {
        collapsed.append(' ');
        inSpace = false;
      }
      collapsed.appendCodePoint(codePoint);
    }
    // lower-casing may leave a letter and a combining mark apart: NFC puts them back together
    return Normalizer.normalize(collapsed.toString().toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }

  private static boolean isLowerHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
