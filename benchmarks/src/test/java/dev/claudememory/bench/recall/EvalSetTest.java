package dev.claudememory.bench.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.memory.SensitiveContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EvalSetTest {
  private static final EvalSet SET = EvalSet.shipped();
  private static final Path FOLDER = Path.of("src/main/resources/recall-eval");

  @Test
  void theShippedSetHoldsAtLeastThreeThousandMemoriesAndSomeHundredsWrittenByHand() {
    assertThat(SET.memories()).hasSizeGreaterThanOrEqualTo(3_000);
    assertThat(FillerNotes.handWritten()).hasSizeGreaterThanOrEqualTo(300);
  }

  @Test
  void everyStratumHasAtLeastFiftyQuestions() {
    SET.byStratum().forEach((stratum, queries) ->
        assertThat(queries).as(stratum.label()).hasSizeGreaterThanOrEqualTo(50));
  }

  @Test
  void everyJudgedOrOutdatedKeyNamesAMemoryOfTheSet() {
    Set<String> keys = SET.memories().stream().map(EvalMemory::key).collect(Collectors.toSet());
    for (EvalQuery query : SET.queries()) {
      assertThat(keys).as(query.id()).containsAll(query.judgments().keySet()).containsAll(query.outdated());
    }
  }

  @Test
  void everyCurrentQuestionsAnswerIsNewerThanWhatItReplaced() {
    Map<String, Instant> createdAt = SET.memories().stream().collect(Collectors.toMap(EvalMemory::key, EvalMemory::createdAt));
    List<EvalQuery> current = SET.byStratum().get(Stratum.CURRENT);
    assertThat(current).hasSizeGreaterThanOrEqualTo(50);
    for (EvalQuery query : current) {
      for (String older : query.outdated()) {
        assertThat(createdAt.get(query.answers().get(0))).as(query.id()).isAfter(createdAt.get(older));
      }
    }
  }

  @Test
  void exactPhraseQuestionsQuoteAPhraseOfTheirAnswer() {
    Map<String, String> content = SET.memories().stream().collect(Collectors.toMap(EvalMemory::key, EvalMemory::content));
    for (EvalQuery query : SET.byStratum().get(Stratum.EXACT)) {
      assertThat(query.answers())
          .as(query.id())
          .anyMatch(key -> content.get(key).toLowerCase(Locale.ROOT).contains(query.context().toLowerCase(Locale.ROOT)));
    }
  }

  @Test
  void rawMessagesHaveNoExpandedQueryAndMultiHopQuestionsNeedTwoMemories() {
    assertThat(SET.byStratum().get(Stratum.RAW)).allMatch(EvalQuery::isRawMessage);
    assertThat(SET.byStratum().get(Stratum.MULTI_HOP)).allMatch(query -> query.answers().size() >= 2);
  }

  @Test
  void noMemoryLooksLikeACredentialSoNoAnswerIsMasked() {
    assertThat(SET.memories()).noneMatch(memory -> SensitiveContent.looksLikeCredential(memory.content()));
  }

  @Test
  void everyDataFileOfTheFolderIsListed() throws IOException {
    List<String> listed = EvalSet.lines(EvalSet.FILE_LIST);
    List<String> present = new ArrayList<>();
    for (String folder : List.of("memories", "queries")) {
      try (Stream<Path> files = Files.list(FOLDER.resolve(folder))) {
        files.forEach(file -> present.add(folder + "/" + file.getFileName()));
      }
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
  }

  @Test
  void theGeneratedNotesAreExactlyWhatTheGeneratorMakesFromItsSeed() throws IOException {
    List<EvalMemory> handWritten = FillerNotes.handWritten();
    List<EvalMemory> generated =
        FillerNotes.generate(FillerWorld.shipped(), FillerTemplates.shipped(), FillerNotes.incidentNumbers(handWritten));

    String committed = Files.readString(FOLDER.resolve(FillerNotes.GENERATED_FILE), StandardCharsets.UTF_8);
    assertThat(FillerNotes.lines(generated)).isEqualTo(committed);
    Set<Integer> generatedIncidents = new HashSet<>(FillerNotes.incidentNumbers(generated));
    generatedIncidents.retainAll(FillerNotes.incidentNumbers(handWritten));
    assertThat(generatedIncidents).isEmpty();
  }

  @Test
  void noHandWrittenNoteOrQuestionNamesAServiceTheGeneratedNotesAreAbout() {
    List<String> services = FillerWorld.shipped().projects().stream()
        .flatMap(project -> project.services().stream())
        .map(FillerWorld.Service::name)
        .collect(Collectors.toList());
    List<String> texts = new ArrayList<>();
    FillerNotes.handWritten().forEach(memory -> texts.add(memory.content() + " " + memory.tags() + " " + memory.expandedKeywords()));
    SET.queries().forEach(query -> texts.add(query.context() + " " + query.expandedQuery()));
    for (String service : services) {
      assertThat(texts).as(service).noneMatch(text -> text.contains(service));
    }
  }

  @Test
  void aJudgmentNamingNoMemoryIsRefused() {
    EvalMemory memory = new EvalMemory("only-one", "test", "facts", Instant.parse("2024-01-01T00:00:00Z"), 0.5, "",
        "one two three four five", "The only memory.");
    EvalQuery query = new EvalQuery("q", Stratum.EXACT, "only memory", "one two three", Optional.empty(),
        Map.of("another-one", 2), List.of());

    assertThatThrownBy(() -> new EvalSet(List.of(memory), List.of(query)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another-one");
  }

  @Test
  void aCurrentAnswerOlderThanWhatItReplacesIsRefused() {
    EvalMemory older = new EvalMemory("port-old", "test", "facts", Instant.parse("2024-01-01T00:00:00Z"), 0.5, "",
        "port old one two three", "The port is 8080.");
    EvalMemory newer = new EvalMemory("port-new", "test", "facts", Instant.parse("2023-01-01T00:00:00Z"), 0.5, "",
        "port new one two three", "The port is 9090.");
    EvalQuery query = new EvalQuery("q", Stratum.CURRENT, "which port", "", Optional.empty(),
        Map.of("port-new", 2), List.of("port-old"));

    assertThatThrownBy(() -> new EvalSet(List.of(older, newer), List.of(query)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not newer");
  }

  @Test
  void twoMemoriesWithTheSameContentAreRefused() {
    EvalMemory first = new EvalMemory("first", "test", "facts", Instant.parse("2024-01-01T00:00:00Z"), 0.5, "",
        "one two three four five", "Deploys go out on Tuesdays.");
    EvalMemory second = new EvalMemory("second", "test", "facts", Instant.parse("2024-02-01T00:00:00Z"), 0.5, "",
        "one two three four five", "deploys  go out on TUESDAYS.");

    assertThatThrownBy(() -> new EvalSet(List.of(first, second), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same content");
  }
}
