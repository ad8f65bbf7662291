package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.recall.ResultBudget.Entry;
import dev.claudememory.core.recall.ResultBudget.Fitted;
import dev.claudememory.core.recall.ResultBudget.Layout;
import dev.claudememory.core.recall.ResultBudget.Shown;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResultBudgetTest {
  private static final long SEED = 0xB0D6E7L;
  private static final Layout LAYOUT =
      new Layout(
          shown -> "Found " + shown + " memories (by relevance):",
          "\n\n",
          full -> " … [cut: " + full + " characters in all]",
          more -> "… and " + more + " more matched");

  /** A found memory as the tests lay it out: {@code #id [facts] content / Tags: tags}. */
  private record Item(int id, String content, String tags) {}

  private static final Function<Item, Entry> ENTRY =
      item -> new Entry("#" + item.id() + " [facts] ", item.content(), "\n  Tags: " + item.tags());

  @Test
  void anAnswerThatFitsIsGivenWholeWithoutAClosingLine() {
    List<Item> items = List.of(new Item(1, "Kestrel deploys on Fridays", "ops"), new Item(2, "Use Maven", "build"));

    Fitted<Item> fitted = ResultBudget.defaults().fit(items, ENTRY, LAYOUT);

    assertThat(fitted.text())
        .isEqualTo(
            "Found 2 memories (by relevance):\n\n#1 [facts] Kestrel deploys on Fridays\n  Tags: ops"
                + "\n\n#2 [facts] Use Maven\n  Tags: build");
    assertThat(fitted.more()).isZero();
    assertThat(fitted.truncated()).isFalse();
  }

  @Test
  void entriesBeyondTheBudgetAreLeftOutWholeAndCountedInTheClosingLine() {
    List<Item> items = new ArrayList<>();
    for (int id = 1; id <= 100; id++) {
      items.add(new Item(id, "Note " + id + " " + "x".repeat(80), ""));
    }

    Fitted<Item> fitted = new ResultBudget(2_000).fit(items, ENTRY, LAYOUT);

    int shown = fitted.shown().size();
    assertThat(shown).isBetween(10, 99);
    assertThat(fitted.more()).isEqualTo(100 - shown);
    assertThat(fitted.text())
        .startsWith("Found " + shown + " memories (by relevance):\n\n#1 [facts] Note 1 ")
        .endsWith("\n\n… and " + (100 - shown) + " more matched")
        .doesNotContain("[cut:");
    assertThat(ResultBudget.length(fitted.text())).isLessThanOrEqualTo(2_000);
    assertThat(fitted.shown()).extracting(Shown::item).containsExactlyElementsOf(items.subList(0, shown));
    assertThat(fitted.truncated()).isTrue();
  }

  @Test
  void anEntryLongerThanItsShareIsCutInItsContentKeepingItsIdAndFields() {
    String content = "word ".repeat(280).strip();
    List<Item> items = List.of(new Item(12, content, "birds,coast"), new Item(13, "short one", ""));

    Fitted<Item> fitted = new ResultBudget(1_000).fit(items, ENTRY, LAYOUT);

    assertThat(fitted.text()).startsWith("Found 2 memories (by relevance):\n\n#12 [facts] word word");
    assertThat(fitted.text()).contains("word … [cut: 1399 characters in all]\n  Tags: birds,coast");
    assertThat(fitted.text()).endsWith("#13 [facts] short one\n  Tags: ");
    assertThat(ResultBudget.length(fitted.text())).isLessThanOrEqualTo(1_000);
    Shown<Item> cut = fitted.shown().get(0);
    assertThat(cut.cut()).isTrue();
    assertThat(content).startsWith(cut.content());
    assertThat(cut.content()).doesNotEndWith(" ").endsWith("word");
    assertThat(fitted.shown().get(1).cut()).isFalse();
    assertThat(fitted.more()).isZero();
  }

  @Test
  void generatedAnswersStayWithinTheBudgetAndAccountForEveryItem() {
    Random random = new Random(SEED);
    for (int draw = 0; draw < 400; draw++) {
      int budget = ResultBudget.MIN_MAX_CHARS + random.nextInt(30_000);
      List<Item> items = new ArrayList<>();
      for (int id = 1, count = 1 + random.nextInt(200); id <= count; id++) {
        int length = random.nextInt(10) < 7 ? 1 + random.nextInt(200) : 1 + random.nextInt(1_400);
        items.add(new Item(id, content(random, length), random.nextBoolean() ? "" : "t".repeat(random.nextInt(500))));
      }
      String context = "seed " + SEED + ", draw " + draw + ", budget " + budget + ", items " + items.size();

      Fitted<Item> fitted = new ResultBudget(budget).fit(items, ENTRY, LAYOUT);

      List<Shown<Item>> shown = fitted.shown();
      assertThat(ResultBudget.length(fitted.text())).as(context).isLessThanOrEqualTo(budget);
      assertThat(shown).as(context).isNotEmpty();
      assertThat(shown.size() + fitted.more()).as(context).isEqualTo(items.size());
      assertThat(fitted.text()).as(context).startsWith("Found " + shown.size() + " memories (by relevance):");
      assertThat(fitted.text().endsWith(" more matched")).as(context).isEqualTo(fitted.more() > 0);
      for (int i = 0; i < shown.size(); i++) {
        Item item = items.get(i);
        Shown<Item> entry = shown.get(i);
        assertThat(entry.item()).as(context).isEqualTo(item);
        assertThat(fitted.text()).as(context).contains("#" + item.id() + " [facts] " + entry.content());
        if (entry.cut()) {
          assertThat(item.content()).as(context).startsWith(entry.content()).isNotEqualTo(entry.content());
        } else {
          assertThat(entry.content()).as(context).isEqualTo(item.content());
        }
      }
    }
  }

  @Test
  void aBudgetBelowTheMinimumIsRefused() {
    assertThatThrownBy(() -> new ResultBudget(999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1000");
  }

  /** Words of letters, with an emoji now and then so that code points and chars differ. */
  private static String content(Random random, int codePoints) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < codePoints; i++) {
      int kind = random.nextInt(20);
      if (kind == 0) {
        text.append("\uD83D\uDC26");
      } else if (kind < 4 && i > 0 && i < codePoints - 1) {
        text.append(' ');
      } else {
        text.append((char) ('a' + random.nextInt(26)));
      }
    }
    return text.toString();
  }
}
