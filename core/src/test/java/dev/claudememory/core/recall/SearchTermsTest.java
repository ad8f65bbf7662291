package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.QuotedTermsQuery;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SearchTermsTest {
  private static final long SEED = 0x5EA2C4L;

  @Test
  void contextAndExpandedQueryAreJoinedAndSplitOnSpaces() {
    SearchTerms terms = SearchTerms.of("deploy  staging", "kubernetes rollout");

    assertThat(terms.words()).containsExactly("deploy", "staging", "kubernetes", "rollout");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\t", "\n", "\r\n", "\u000B", "\f", "\u00A0", "\u1680", "\u2003", "\u2007", "\u202F",
        "\u205F", "\u3000", "\u2028", "\u2029", "\u0085"
      })
  void everyKindOfWhitespaceSeparatesWords(String space) {
    assertThat(SearchTerms.of("alpha" + space + "beta", null).words())
        .containsExactly("alpha", "beta");
  }

  @Test
  void nulAndOtherControlCharactersSeparateWordsAndNeverReachTheQuery() {
    SearchTerms terms = SearchTerms.of("alpha\u0000beta\u0007gamma\u001Bdelta\u007Fepsilon", "");

    assertThat(terms.words()).containsExactly("alpha", "beta", "gamma", "delta", "epsilon");
    assertThat(terms.allWordsQuery()).doesNotContain("\u0000", "\u0007", "\u001B", "\u007F");
  }

  @Test
  void loneSurrogatesSeparateWordsAndPairsStayWhole() {
    SearchTerms terms = SearchTerms.of("alpha\uD800beta\uDC00gamma 𝒜lpha", "");

    assertThat(terms.words()).containsExactly("alpha", "beta", "gamma", "𝒜lpha");
  }

  @Test
  void eachWordIsQuotedWithInnerQuotesDoubled() {
    SearchTerms terms = SearchTerms.of("say\"hi\" it's \"quoted\"", "");

    assertThat(terms.allWordsQuery()).isEqualTo("\"say\"\"hi\"\"\" AND \"it's\" AND \"\"\"quoted\"\"\"");
  }

  @Test
  void allWordsJoinsWithAndAndAnyWordWithOr() {
    SearchTerms terms = SearchTerms.of("alpha beta", "gamma");

    assertThat(terms.allWordsQuery()).isEqualTo("\"alpha\" AND \"beta\" AND \"gamma\"");
    assertThat(terms.anyWordQuery()).isEqualTo("\"alpha\" OR \"beta\" OR \"gamma\"");
  }

  @Test
  void aSingleWordIsOneQuotedString() {
    SearchTerms terms = SearchTerms.of("alpha", "");

    assertThat(terms.allWordsQuery()).isEqualTo("\"alpha\"");
    assertThat(terms.anyWordQuery()).isEqualTo("\"alpha\"");
  }

  @Test
  void queryOperatorsAndSyntaxAreQuotedLikeAnyWord() {
    SearchTerms terms =
        SearchTerms.of("AND OR NOT NEAR(a b, 3) col:x ^start end* -minus +plus {content tags}:", "");

    assertThat(terms.allWordsQuery())
        .isEqualTo(
            "\"AND\" AND \"OR\" AND \"NOT\" AND \"NEAR(a\" AND \"b,\" AND \"3)\" AND \"col:x\""
                + " AND \"^start\" AND \"end*\" AND \"-minus\" AND \"+plus\" AND \"{content\""
                + " AND \"tags}:\"");
  }

  @Test
  void wordsWithoutALetterOrNumberAreDropped() {
    SearchTerms terms = SearchTerms.of("... -- ** () \"\" ' ^ : 🎉 👩\u200D💻 \u0301 \u200B", "!?");

    assertThat(terms.isEmpty()).isTrue();
    assertThat(terms.words()).isEmpty();
  }

  @Test
  void wordsWithSomeLetterOrNumberAreKeptWhole() {
    SearchTerms terms = SearchTerms.of("(a) 42! ½ \uE000 🎉party v1.2", "");

    assertThat(terms.words()).containsExactly("(a)", "42!", "½", "\uE000", "🎉party", "v1.2");
  }

  @Test
  void repeatedWordsAreDroppedIgnoringCaseKeepingTheFirstSpelling() {
    SearchTerms terms = SearchTerms.of("Kestrel kestrel KESTREL", "kestrel marmalade Marmalade");

    assertThat(terms.words()).containsExactly("Kestrel", "marmalade");
  }

  @Test
  void atMostSixtyFourWordsAreKept() {
    String many = IntStream.range(0, 100).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));

    SearchTerms terms = SearchTerms.of(many, "extra");

    assertThat(terms.words())
        .hasSize(SearchTerms.MAX_WORDS)
        .startsWith("w0", "w1")
        .endsWith("w63");
  }

  @Test
  void duplicatesDoNotUseUpTheCap() {
    String repeated = "same ".repeat(200) + "other";

    assertThat(SearchTerms.of(repeated, "").words()).containsExactly("same", "other");
  }

  @Test
  void absentTextGivesNoWords() {
    assertThat(SearchTerms.of(null, null).isEmpty()).isTrue();
    assertThat(SearchTerms.of("", "   ").isEmpty()).isTrue();
  }

  @Test
  void textInScriptsWithSpacesGivesNoFragments() {
    assertThat(SearchTerms.of("deploy the Кestrel cluster", "ελληνικά עברית 한국어 42").fragments()).isEmpty();
  }

  @Test
  void aChineseRunOfOneOrTwoCharactersIsOneFragment() {
    assertThat(SearchTerms.of("周二", "库").fragments()).containsExactly("周二", "库");
  }

  @Test
  void aLongerChineseRunBecomesItsOverlappingPairs() {
    assertThat(SearchTerms.of("数据库迁移", "").fragments()).containsExactly("数据", "据库", "库迁", "迁移");
  }

  @Test
  void chineseInsideEnglishGivesFragmentsOfTheChineseRunsOnly() {
    SearchTerms terms = SearchTerms.of("postgres数据库 migration, 在周二。", "rollback");

    assertThat(terms.fragments()).containsExactly("数据", "据库", "在周", "周二");
    assertThat(terms.words()).containsExactly("postgres数据库", "migration,", "在周二。", "rollback");
  }

  @Test
  void japaneseKanaAndKanjiFormOneRunWithTheProlongedSoundMarkInside() {
    assertThat(SearchTerms.of("データベースの移行", "").fragments())
        .containsExactly("デー", "ータ", "タベ", "ベー", "ース", "スの", "の移", "移行");
  }

  @Test
  void punctuationAndSpacesBetweenChineseCharactersEndARun() {
    assertThat(SearchTerms.of("数据、迁移 周二・周三", "").fragments())
        .containsExactly("数据", "迁移", "周二", "周三");
  }

  @Test
  void thaiCombiningMarksStayWithTheLetterTheyFollow() {
    // ฐานข้อมูล, "database": MAI THO (U+0E49) and SARA UU (U+0E39) are combining marks
    assertThat(SearchTerms.of("ฐานข้อมูล", "").fragments())
        .containsExactly("ฐา", "าน", "นข\u0E49", "ข\u0E49อ", "อม\u0E39", "ม\u0E39ล");
  }

  @Test
  void laoKhmerAndMyanmarAreCutLikeThai() {
    assertThat(SearchTerms.of("ພາສາ", "").fragments()).containsExactly("ພາ", "າສ", "ສາ");
    assertThat(SearchTerms.of("ខ្មែរ", "").fragments()).containsExactly("ខ\u17D2ម\u17C2", "ម\u17C2រ");
    assertThat(SearchTerms.of("မြန်", "").fragments()).containsExactly("မ\u103Cန\u103A");
  }

  @Test
  void repeatedFragmentsAreKeptOnce() {
    assertThat(SearchTerms.of("数据 数据库", "数据").fragments()).containsExactly("数据", "据库");
  }

  @Test
  void atMostSixteenFragmentsAreKept() {
    String longSentence =
        IntStream.range(0, 200).mapToObj(i -> String.valueOf((char) (0x4E00 + i))).collect(Collectors.joining());

    List<String> fragments = SearchTerms.of(longSentence, "").fragments();

    assertThat(fragments).hasSize(SearchTerms.MAX_FRAGMENTS).startsWith("\u4E00\u4E01");
  }

  @Test
  void randomTextGivesFragmentsOfUnspacedScriptsOnly() {
    Random random = new Random(SEED);
    RandomText generator = new RandomText(random);
    for (int i = 0; i < 3_000; i++) {
      String context = generator.next(40);
      String where = "seed " + SEED + ", draw " + i + ": context=" + RandomText.escape(context);

      SearchTerms terms = SearchTerms.of(context, "");

      assertThat(terms.fragments()).as(where).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(SearchTerms.MAX_FRAGMENTS);
      if (!terms.fragments().isEmpty()) {
        assertThat(terms.isEmpty()).as(where).isFalse();
      }
      for (String fragment : terms.fragments()) {
        assertThat(context).as(where).contains(fragment);
        assertThat(fragment.codePoints().filter(SearchTermsTest::separates).count())
            .as(where + " fragment " + RandomText.escape(fragment))
            .isZero();
        assertThat(fragment.codePoints().filter(cp -> !isMark(cp)).count())
            .as(where + " fragment " + RandomText.escape(fragment))
            .isBetween(1L, 2L);
      }
    }
  }

  @Test
  void randomTextAlwaysGivesQueriesOfProperlyQuotedWords() {
    Random random = new Random(SEED);
    RandomText generator = new RandomText(random);
    for (int i = 0; i < 3_000; i++) {
      String context = generator.next(40);
      String expanded = generator.next(20);
      String where =
          "seed " + SEED + ", draw " + i + ": context=" + RandomText.escape(context)
              + " expanded=" + RandomText.escape(expanded);

      SearchTerms terms = SearchTerms.of(context, expanded);
      if (terms.isEmpty()) {
        continue;
      }
      QuotedTermsQuery all = QuotedTermsQuery.parse(terms.allWordsQuery());
      QuotedTermsQuery any = QuotedTermsQuery.parse(terms.anyWordQuery());

      assertThat(all.terms()).as(where).isEqualTo(terms.words());
      assertThat(any.terms()).as(where).isEqualTo(terms.words());
      assertThat(all.operator()).as(where).isEqualTo("AND");
      assertThat(any.operator()).as(where).isEqualTo(terms.words().size() > 1 ? "OR" : "AND");
      assertThat(terms.words()).as(where).hasSizeLessThanOrEqualTo(SearchTerms.MAX_WORDS);
      for (String word : terms.words()) {
        assertThat(word).as(where).isNotEmpty();
        assertThat(word.codePoints().filter(SearchTermsTest::separates).count())
            .as(where + " word " + RandomText.escape(word))
            .isZero();
        assertThat(word.codePoints().anyMatch(Character::isLetterOrDigit)
                || word.codePoints().anyMatch(cp -> Character.getType(cp) == Character.PRIVATE_USE
                    || Character.getType(cp) == Character.OTHER_NUMBER
                    || Character.getType(cp) == Character.LETTER_NUMBER))
            .as(where + " word " + RandomText.escape(word))
            .isTrue();
      }
      List<String> lower =
          terms.words().stream().map(w -> w.toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.toList());
      assertThat(lower).as(where).doesNotHaveDuplicates();
    }
  }

  private static boolean isMark(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static boolean separates(int codePoint) {
    return Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || Character.getType(codePoint) == Character.CONTROL
        || Character.getType(codePoint) == Character.SURROGATE;
  }
}
