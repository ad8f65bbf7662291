package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class MemoryPatchTest {
  private static final Memory STORED =
      new Memory(
          new MemoryId(7),
          Optional.of(new ServerId(70)),
          "original content",
          new Category("old-style"),
          "a,b",
          "original keywords",
          0.4,
          false,
          "2026-11-24T21:47:33.680389+00:00",
          "2026-11-24T21:47:33.680389+00:00");

  @Test
  void aPatchWithNoFieldIsRejected() {
    assertThatThrownBy(
            () ->
                new MemoryPatch(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("fields"))
        .hasMessageContaining("nothing to update")
        .hasMessageContaining("content, category, tags, importance, expanded_keywords");
  }

  @Test
  void tooLongTagsAndKeywordsAreRejectedByName() {
    assertThatThrownBy(() -> tags("x".repeat(501)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"));
    assertThatThrownBy(
            () ->
                new MemoryPatch(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("x".repeat(501))))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("expanded_keywords"));
  }

  @Test
  void anUnknownCategoryIsRejectedAndAnAliasCanonicalised() {
    assertThatThrownBy(() -> category(new Category("old-style")))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("category"));
    assertThat(category(new Category("incident")).category())
        .contains(new Category("incidents"));
  }

  @Test
  void applyingChangesOnlyTheGivenFieldsAndTheUpdateTime() {
    Memory patched = tags("c,d").applyTo(STORED, "2026-11-25T08:00:00.000000+00:00");

    assertThat(patched)
        .isEqualTo(
            new Memory(
                STORED.id(),
                STORED.serverId(),
                STORED.content(),
                STORED.category(),
                "c,d",
                STORED.expandedKeywords(),
                STORED.importance(),
                false,
                STORED.createdAt(),
                "2026-11-25T08:00:00.000000+00:00"));
  }

  @Test
  void applyingEveryFieldReplacesEachOne() {
    MemoryPatch patch =
        new MemoryPatch(
            Optional.of(new Content("new content")),
            Optional.of(Category.canonical("lessons")),
            Optional.of(""),
            Optional.of(new Importance(0.7)),
            Optional.of("new keywords"));

    Memory patched = patch.applyTo(STORED, "later");

    assertThat(patched.content()).isEqualTo("new content");
    assertThat(patched.category().name()).isEqualTo("lessons");
    assertThat(patched.tags()).isEmpty();
    assertThat(patched.importance()).isEqualTo(0.7);
    assertThat(patched.expandedKeywords()).isEqualTo("new keywords");
    assertThat(patched.createdAt()).isEqualTo(STORED.createdAt());
  }

  @Test
  void newContentThatLooksLikeACredentialMakesTheMemorySensitive() {
    Memory patched = content("aws key AKIAIOSFODNN7EXAMPLE").applyTo(STORED, "later");

    assertThat(patched.sensitive()).isTrue();
  }

  @Test
  void aSensitiveMemoryStaysSensitiveWhateverItsNewContent() {
    Memory sensitive =
        new Memory(
            STORED.id(),
            STORED.serverId(),
            STORED.content(),
            STORED.category(),
            STORED.tags(),
            STORED.expandedKeywords(),
            STORED.importance(),
            true,
            STORED.createdAt(),
            STORED.updatedAt());

    assertThat(content("plain words now").applyTo(sensitive, "later").sensitive()).isTrue();
  }

  private static MemoryPatch tags(String tags) {
    return new MemoryPatch(
        Optional.empty(), Optional.empty(), Optional.of(tags), Optional.empty(), Optional.empty());
  }

  private static MemoryPatch content(String content) {
    return new MemoryPatch(
        Optional.of(new Content(content)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static MemoryPatch category(Category category) {
    return new MemoryPatch(
        Optional.empty(),
        Optional.of(category),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
