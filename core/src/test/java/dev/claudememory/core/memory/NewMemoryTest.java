package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import org.junit.jupiter.api.Test;

final class NewMemoryTest {

  @Test
  void ofGivesTheDefaultsOfTheSpec() {
    NewMemory memory = NewMemory.of("Builds need JDK 17", "build jdk java toolchain compile");

    assertThat(memory.content().text()).isEqualTo("Builds need JDK 17");
    assertThat(memory.category()).isEqualTo(Category.DEFAULT);
    assertThat(memory.tags()).isEmpty();
    assertThat(memory.expandedKeywords()).isEqualTo("build jdk java toolchain compile");
    assertThat(memory.importance()).isEqualTo(Importance.DEFAULT);
    assertThat(memory.forceSensitive()).isFalse();
  }

  @Test
  void tagsOfFiveHundredCodePointsAreAcceptedAndOneMoreIsNot() {
    assertThat(withTags("🏷".repeat(500)).tags()).hasSize(1_000);

    assertThatThrownBy(() -> withTags("t".repeat(501)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"))
        .hasMessageContaining("tags is 501 characters")
        .hasMessageContaining("limit is 500");
  }

  @Test
  void expandedKeywordsOfFiveHundredCodePointsAreAcceptedAndOneMoreIsNot() {
    assertThat(withKeywords("k".repeat(500)).expandedKeywords()).hasSize(500);

    assertThatThrownBy(() -> withKeywords("😀".repeat(501)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("expanded_keywords"))
        .hasMessageContaining("expanded_keywords is 501 characters")
        .hasMessageContaining("limit is 500");
  }

  @Test
  void tagsAndKeywordsMustBeStorableText() {
    assertThatThrownBy(() -> withTags("a,\u0000b"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"))
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> withKeywords("word \uD800"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("expanded_keywords"))
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void anUnknownCategoryCannotBeWritten() {
    assertThatThrownBy(() -> withCategory(new Category("legacy-notes")))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("category"))
        .hasMessageContaining("legacy-notes")
        .hasMessageContaining("sessions");
  }

  @Test
  void anAliasGivenAsACategoryIsCanonicalised() {
    assertThat(withCategory(new Category("bug")).category()).isEqualTo(new Category("gotchas"));
  }

  @Test
  void sensitiveWhenForcedOrWhenTheContentLooksLikeACredential() {
    NewMemory forced =
        new NewMemory(
            new Content("launch is on Friday"), Category.DEFAULT, "", "", Importance.DEFAULT, true);

    assertThat(forced.isSensitive()).isTrue();
    assertThat(NewMemory.of("password=hunter2", "").isSensitive()).isTrue();
    assertThat(NewMemory.of("launch is on Friday", "").isSensitive()).isFalse();
  }

  @Test
  void blankContentIsRejectedBeforeAnythingElse() {
    assertThatThrownBy(() -> NewMemory.of("  ", "kw"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("content"));
  }

  private static NewMemory withTags(String tags) {
    return new NewMemory(new Content("c"), Category.DEFAULT, tags, "", Importance.DEFAULT, false);
  }

  private static NewMemory withKeywords(String keywords) {
    return new NewMemory(
        new Content("c"), Category.DEFAULT, "", keywords, Importance.DEFAULT, false);
  }

  private static NewMemory withCategory(Category category) {
    return new NewMemory(new Content("c"), category, "", "", Importance.DEFAULT, false);
  }
}
