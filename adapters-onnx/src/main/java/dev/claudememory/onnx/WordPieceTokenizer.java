package dev.claudememory.onnx;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's uncased WordPiece tokenizer, as the model's {@code tokenizer.json} defines it (the
 * Hugging Face {@code BertNormalizer}, {@code BertPreTokenizer}, {@code WordPiece} and the
 * {@code [CLS] … [SEP]} template): clean the text, space out CJK characters, strip accents,
 * lower-case, split on whitespace and punctuation, then take the longest pieces of each word the
 * vocabulary knows. Written here rather than taken from a native tokenizer library, whose
 * per-platform binaries cost more than the model itself and which calls the network unless told
 * not to; {@code WordPieceTokenizerTest} checks it gives the reference tokenizer's ids. Character
 * classes come from the JDK's Unicode tables, which are newer than the reference's: a character
 * encoded since those (a recent emoji, a mark of a recent script) may be classed otherwise.
 *
 * <p>Immutable and thread-safe.
 */
final class WordPieceTokenizer {
  private static final String CONTINUATION = "##";
  private static final int MAX_WORD_CHARACTERS = 100;

  private final Map<String, Integer> vocabulary;
  private final int unknownId;
  private final int startId;
  private final int endId;
  private final int maxTokens;

  /**
   * @param maxTokens the most ids a text becomes, {@code [CLS]} and {@code [SEP]} included; longer
   *     texts are cut
   */
  WordPieceTokenizer(Map<String, Integer> vocabulary, int maxTokens) {
    // a hash map, never changed after this: Map.copyOf's table of 30,000 pieces probes by equals()
    // through long runs: most of the tokenizer's time on a backfill
    this.vocabulary = new HashMap<>(vocabulary);
    this.unknownId = idOf("[UNK]");
    this.startId = idOf("[CLS]");
    this.endId = idOf("[SEP]");
    if (maxTokens < 3) {
      throw new IllegalArgumentException("maxTokens must leave room for one piece: " + maxTokens);
    }
    this.maxTokens = maxTokens;
  }

  private int idOf(String token) {
    Integer id = vocabulary.get(token);
    if (id == null) {
      throw new IllegalArgumentException("the vocabulary has no " + token);
    }
    return id;
  }

  /** The ids of {@code text}: {@code [CLS]}, its pieces (cut to fit), {@code [SEP]}. */
  long[] encode(String text) {
    List<Integer> pieces = new ArrayList<>();
    for (String word : words(normalize(text))) {
      addPieces(word, pieces);
      if (pieces.size() >= maxTokens - 2) {
        break;
      }
    }
    int kept = Math.min(pieces.size(), maxTokens - 2);
    long[] ids = new long[kept + 2];
    ids[0] = startId;
    for (int i = 0; i < kept; i++) {
      ids[i + 1] = pieces.get(i);
    }
    ids[kept + 1] = endId;
    return ids;
  }

  /** Clean text, CJK characters spaced out, accents stripped, lower case: in that order. */
  static String normalize(String text) {
    StringBuilder cleaned = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      if (c == 0 || c == 0xFFFD || isControl(c)) {
        return;
      }
      if (isWhitespace(c)) {
        cleaned.append(' ');
      } else if (isCjk(c)) {
        cleaned.append(' ').appendCodePoint(c).append(' ');
      } else {
        cleaned.appendCodePoint(c);
      }
    });
    String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
    StringBuilder lower = new StringBuilder(decomposed.length());
    decomposed.codePoints().forEach(c -> {
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        // one character at a time, as the reference does: no context rules such as final sigma
        lower.append(new String(Character.toChars(c)).toLowerCase(Locale.ROOT));
      }
    });
    return lower.toString();
  }

  /** Words split on whitespace, each punctuation character a word of its own. */
  static List<String> words(String normalized) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    normalized.codePoints().forEach(c -> {
      if (isWhitespace(c)) {
        flush(word, words);
      } else if (isPunctuation(c)) {
        flush(word, words);
        words.add(new String(Character.toChars(c)));
      } else {
        word.appendCodePoint(c);
      }
    });
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  /** Greedy longest match first; a word with a part no piece covers is one unknown token. */
  private void addPieces(String word, List<Integer> pieces) {
    if (word.codePointCount(0, word.length()) > MAX_WORD_CHARACTERS) {
      pieces.add(unknownId);
      return;
    }
    List<Integer> found = new ArrayList<>();
    int start = 0;
    while (start < word.length()) {
      int end = word.length();
      Integer piece = null;
      while (end > start) {
        String candidate = start == 0 ? word.substring(start, end) : CONTINUATION + word.substring(start, end);
        piece = vocabulary.get(candidate);
        if (piece != null) {
          break;
        }
        end = word.offsetByCodePoints(end, -1);
      }
      if (piece == null) {
        pieces.add(unknownId);
        return;
      }
      found.add(piece);
      start = end;
    }
    pieces.addAll(found);
  }

  /** Unicode's White_Space property (tab, line feed and carriage return included). */
  private static boolean isWhitespace(int c) {
    switch (c) {
      case ' ': case '\t': case '\n': case '\r': case 0x0B: case 0x0C: case 0x85: case 0xA0:
      case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  /** The "other" categories (Cc, Cf, Cs, Co, Cn), tab, line feed and carriage return excepted. */
  private static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
        return true;
      default:
        return false;
    }
  }

  /** ASCII punctuation (symbols such as {@code $ + < = > ^ | ~} included) and Unicode's P*. */
  private static boolean isPunctuation(int c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
      return true;
    }
    switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  /** The CJK Unified Ideographs blocks BERT spaces out (not Hiragana, Katakana or Hangul). */
  private static boolean isCjk(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F)
        || (c >= 0x2B920 && c <= 0x2CEAF) // sic: the reference starts this block at 2B920
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
