package dev.claudememory.cli;

import static dev.claudememory.cli.JsonlFormatTest.file;
import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.transfer.ImportRecord;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ApiBodyFormatTest {
  private static List<String> problems(ParsedImport parsed) {
    return parsed.problems().stream().map(ParsedImport.Problem::toString).collect(Collectors.toList());
  }

  @Test
  void storeBodiesBecomeNewMemoriesCheckedAsAStoreIs() {
    ParsedImport parsed =
        ApiBodyFormat.read(file(
            "[{\"content\":\"Release branch cut on Tuesdays\",\"category\":\" Bug \",\"tags\":\"release\",",
            "  \"expanded_keywords\":\"release cadence\",\"importance\":1.5,\"unknown_field\":1},",
            " {\"content\":\"garage door code 7731\",\"force_sensitive\":true}]"));

    assertThat(parsed.problems()).isEmpty();
    List<ImportedMemory> memories = parsed.records().stream().map(ImportRecord::memory).collect(Collectors.toList());
    assertThat(memories).hasSize(2);
    assertThat(memories.get(0).category()).isEqualTo(new Category("gotchas"));
    assertThat(memories.get(0).tags()).isEqualTo("release");
    assertThat(memories.get(0).expandedKeywords()).isEqualTo("release cadence");
    assertThat(memories.get(0).importance().value()).isEqualTo(1.0);
    assertThat(memories.get(0).sensitive()).isFalse();
    assertThat(memories.get(0).createdAt()).isEmpty();
    assertThat(memories.get(1).category()).isEqualTo(Category.DEFAULT);
    assertThat(memories.get(1).sensitive()).isTrue();
  }

  @Test
  void everyInvalidItemIsNamedByTheLineItStartsOn() {
    ParsedImport parsed =
        ApiBodyFormat.read(file(
            "[",
            "  {\"content\": \"fine\"},",
            "  {\"content\": \"fine\", \"category\": \"recipes\"},",
            "  {",
            "    \"content\": \"\"",
            "  },",
            "  \"just text\",",
            "  {\"content\": \"fine\", \"force_sensitive\": \"yes\"}",
            "]"));

    assertThat(problems(parsed))
        .containsExactly(
            "line 3: item 2: unknown category 'recipes'; valid categories: facts, decisions, projects, preferences,"
                + " gotchas, references, infrastructure, runbook, lessons, operations, post-mortems, people,"
                + " incidents, feedback, process, architecture, sessions",
            "line 4: item 3: content must not be blank: say what to remember",
            "line 7: item 4: not a JSON object",
            "line 8: item 5: force_sensitive must be true or false");
  }

  @Test
  void brokenJsonIsReportedAtItsLineAndEndsTheReading() {
    ParsedImport parsed = ApiBodyFormat.read(file("[", "  {\"content\": \"fine\"},", "  {\"content\": \"cut"));

    assertThat(problems(parsed)).containsExactly("line 3: not valid JSON: it ends too early (cut short?)");
  }

  @Test
  void aBodyThatIsNoArrayOrHasTextAfterItIsAProblem() {
    assertThat(problems(ApiBodyFormat.read(file("{\"content\":\"a\"}")))).containsExactly("line 1: not a JSON array of memories");
    assertThat(problems(ApiBodyFormat.read(file("[]", "[]")))).containsExactly("line 2: text after the array's end");
    assertThat(ApiBodyFormat.read(file("[]")).records()).isEmpty();
  }
}
