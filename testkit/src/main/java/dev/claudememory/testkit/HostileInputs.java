package dev.claudememory.testkit;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Content;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Named strings that have broken search and storage code before: FTS5 query syntax, quotes, SQL,
 * scripts and marks from across Unicode, invisible and control characters, NUL, lone surrogates,
 * very long words, and text with nothing searchable left once cleaned. For recall (every one must
 * run without an error) and storage (each is stored and read back unchanged, or refused with a
 * clear message).
 *
 * <p>Use from {@code @MethodSource("dev.claudememory.testkit.HostileInputs#all")}.
 */
public final class HostileInputs {
  private static final List<NamedInput> ALL =
      List.of(
          // quotes
          input("double quote", "\""),
          input("two double quotes", "\"\""),
          input("unbalanced double quote", "\"kestrel"),
          input("quoted phrase", "\"kestrel marmalade\""),
          input("quotes inside a word", "say\"\"hi\"there"),
          input("single quote", "it's kestrel's"),
          input("unbalanced single quote", "'kestrel"),
          input("backticks", "`rm -rf /`"),
          input("quotes only", "\"\"\"\"'''"),
          // FTS5 operators and syntax
          input("AND alone", "AND"),
          input("OR alone", "OR"),
          input("NOT alone", "NOT"),
          input("NEAR alone", "NEAR"),
          input("operators between words", "kestrel AND marmalade OR NOT quasar"),
          input("lower-case operators", "kestrel and or not near marmalade"),
          input("operator at the end", "kestrel AND"),
          input("NEAR group", "NEAR(a b, 3)"),
          input("NEAR group unbalanced", "NEAR(kestrel marmalade"),
          input("prefix star", "kest*"),
          input("star alone", "*"),
          input("caret", "^kestrel"),
          input("caret alone", "^"),
          input("colon alone", ":"),
          input("column filter", "content:foo"),
          input("column set filter", "{content tags}: x"),
          input("negated column filter", "-content: kestrel"),
          input("minus", "-kestrel"),
          input("plus", "+kestrel"),
          input("minus alone", "-"),
          input("parentheses", "(kestrel OR marmalade)"),
          input("unbalanced open parentheses", "((kestrel"),
          input("unbalanced close parentheses", "kestrel))"),
          input("empty parentheses", "()"),
          input("braces and brackets", "{} [kestrel] <tag>"),
          input("FTS syntax only", "* ^ : - + ( ) \" { } ,"),
          // SQL and paths
          input("SQL injection", "'; DROP TABLE memories; --"),
          input("SQL comment", "kestrel /* comment */ marmalade"),
          input("LIKE wildcards", "100% _like_ kestrel"),
          input("backslashes", "C:\\path\\to\\kestrel \\\" \\'"),
          input("semicolons", ";;; kestrel;"),
          // Unicode beyond Latin
          input("emoji in text", "🎉 kestrel party"),
          input("emoji only", "🎉🎉🎉"),
          input("ZWJ family", "👩\u200D👩\u200D👧\u200D👦"),
          input("ZWJ profession with word", "👩\u200D💻 kestrel developer"),
          input("flag", "🇫🇮 Suomi"),
          input("skin tone modifier", "👍🏽 approved"),
          input("CJK", "東京の天気 中文搜索"),
          input("Korean", "한국어 검색"),
          input("Arabic right to left", "مرحبا بالعالم"),
          input("Hebrew right to left", "שלום עולם"),
          input("mixed directions", "kestrel שלום 123 مرحبا marmalade"),
          input("bidi override", "\u202Ekestrel\u202C \u2066isolate\u2069"),
          input("combining marks", "e\u0301 n\u0303 cafe\u0301"),
          input("stacked combining marks", "Z\u0351\u0368\u0369\u0300\u0301\u0302\u0303a\u0489lgo"),
          input("combining marks only", "\u0301\u0302\u0303"),
          input("math alphanumerics", "𝒦𝑒𝓈𝓉𝓇𝑒𝓁 𝟙𝟚𝟛"),
          input("private use", "\uE000\uF8FF kestrel"),
          input("noncharacters", "\uFFFE\uFFFF kestrel"),
          input("replacement character", "\uFFFD kestrel"),
          input("fullwidth letters", "ｋｅｓｔｒｅｌ ＡＮＤ"),
          // invisible characters and unusual spaces
          input("zero-width space inside a word", "kes\u200Btrel"),
          input("zero-width characters only", "\u200B\u200C\u200D\u2060\uFEFF"),
          input("byte order mark first", "\uFEFFkestrel"),
          input("no-break space between words", "kestrel\u00A0marmalade"),
          input("ideographic space between words", "kestrel\u3000marmalade"),
          input("line and paragraph separators", "kestrel\u2028marmalade\u2029quasar"),
          input("unusual spaces only", "\u00A0\u2007\u202F\u3000\u1680"),
          // control characters
          input("NUL between words", "kestrel\u0000marmalade"),
          input("NUL only", "\u0000"),
          input("NUL at the end", "kestrel\u0000"),
          input("ANSI escapes", "\u001B[31mred kestrel\u001B[0m"),
          input("C0 controls", "\u0001\u0002\u0007\u0008 kestrel"),
          input("tabs and newlines", "kestrel\tmarmalade\nquasar\r\n"),
          input("DEL and C1 controls", "\u007F\u0085\u009B kestrel"),
          // invalid UTF-16
          input("lone high surrogate", "kes\uD800trel"),
          input("lone low surrogate", "\uDC00kestrel"),
          input("surrogates reversed", "\uDE00\uD83D kestrel"),
          input("high surrogate at the end", "kestrel\uD83D"),
          // size
          input("very long word", "k".repeat(10_000)),
          input("very long emoji word", "😀".repeat(1_401)),
          input("content at the limit in emoji", "😀".repeat(1_400)),
          input("content one over the limit", "k".repeat(1_401)),
          input("many words", manyWords(500)),
          input("many quotes", "\"".repeat(1_000)),
          // nothing left after cleaning
          input("empty", ""),
          input("spaces only", "   "),
          input("punctuation only", "!!! ??? ... ,,, ;;"));

  private HostileInputs() {}

  /** Every hostile input, in a stable order. */
  public static List<NamedInput> all() {
    return ALL;
  }

  /** The inputs core accepts as memory content: a store must read them back unchanged. */
  public static List<NamedInput> storable() {
    return ALL.stream().filter(HostileInputs::acceptedAsContent).collect(Collectors.toList());
  }

  /** The inputs core refuses as memory content, each with an {@link InvalidInputException}. */
  public static List<NamedInput> unstorable() {
    return ALL.stream().filter(input -> !acceptedAsContent(input)).collect(Collectors.toList());
  }

  private static boolean acceptedAsContent(NamedInput input) {
    try {
      new Content(input.text());
      return true;
    } catch (InvalidInputException refused) {
      return false;
    }
  }

  private static NamedInput input(String name, String text) {
    return new NamedInput(name, text);
  }

  private static String manyWords(int count) {
    return IntStream.range(0, count).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
  }
}
