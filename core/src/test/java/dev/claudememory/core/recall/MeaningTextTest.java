package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class MeaningTextTest {
  private static final String SECRET = "staging postgres password=hunter2";

  @Test
  void aPlainMemoryIsReadAsItsContentThenItsTermsThenItsTags() {
    Memory memory = memory("The deploy pipeline runs on Woodpecker CI", "  pipeline build ci ", "ci,deploy", false);

    assertThat(MeaningText.of(memory))
        .isEqualTo("The deploy pipeline runs on Woodpecker CI\npipeline build ci\nci deploy");
  }

  @Test
  void blankTermsAndTagsAddNothing() {
    Memory memory = memory("Viktor prefers dark roast", " ", "", false);

    assertThat(MeaningText.of(memory)).isEqualTo("Viktor prefers dark roast");
  }

  @Test
  void aSensitiveMemoryIsReadAsItsCategoryTermsAndTagsNeverItsContent() {
    Memory memory = memory(SECRET, "database credentials staging login", "db,staging", true);

    String text = MeaningText.of(memory);

    assertThat(text).isEqualTo("infrastructure\ndatabase credentials staging login\ndb staging");
    assertThat(text).doesNotContain("hunter2").doesNotContain("password");
  }

  @Test
  void withoutContentLeavesTheContentOutOfAPlainMemoryToo() {
    Memory memory = memory("a text the model could not read", "fallback terms", "", false);

    assertThat(MeaningText.withoutContent(memory)).isEqualTo("infrastructure\nfallback terms");
  }

  private static Memory memory(String content, String keywords, String tags, boolean sensitive) {
    return new Memory(
        new MemoryId(1), Optional.empty(), content, new Category("infrastructure"), tags, keywords, 0.5,
        sensitive, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00");
  }
}
