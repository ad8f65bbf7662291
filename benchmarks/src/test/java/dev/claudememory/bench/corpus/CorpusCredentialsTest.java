package dev.claudememory.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.CredentialSamples;
import dev.claudememory.core.memory.CredentialSamples.Sample;
import dev.claudememory.core.memory.SensitiveContent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Credential detection over a developer's ordinary notes, the corpus the benchmarks store: no note
 * is taken for a credential, a credential set into a note is always found, and most notes hold no
 * clue at all, so the patterns never run on them (the store path asks for every memory).
 */
class CorpusCredentialsTest {
  private static final int COUNT = 20_000;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {Corpus.DEFAULT_SEED, 7, 20_261_207})
  void noOrdinaryNoteLooksLikeACredential(long seed) {
    List<String> flagged =
        notes(seed).stream().filter(SensitiveContent::looksLikeCredential).collect(Collectors.toList());

    assertThat(flagged).as("corpus seed %d: notes taken for credentials", seed).isEmpty();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {Corpus.DEFAULT_SEED, 7})
  void aCredentialSetIntoANoteIsFound(long seed) {
    CredentialSamples credentials = new CredentialSamples(seed);
    List<String> missed = new ArrayList<>();
    List<String> notes = notes(seed);
    for (int i = 0; i < 3_000; i++) {
      String note = notes.get(i);
      Sample sample = credentials.anyOne();
      int sentenceEnd = note.indexOf(". ");
      String withCredential =
          sentenceEnd < 0
              ? note + " " + sample.credential()
              : note.substring(0, sentenceEnd + 2) + sample.credential() + " " + note.substring(sentenceEnd + 2);
      if (!SensitiveContent.looksLikeCredential(withCredential)) {
        missed.add(sample.kind() + ": " + withCredential);
      }
    }

    assertThat(missed).as("seed %d: credentials not found in notes", seed).isEmpty();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {Corpus.DEFAULT_SEED, 7})
  void mostNotesHoldNoClueSoNoPatternRunsOnThem(long seed) {
    long scanned = notes(seed).stream().filter(SensitiveContent::mayHoldCredential).count();

    assertThat(scanned).as("corpus seed %d: notes holding a clue, of %d", seed, COUNT).isLessThan(COUNT / 10);
  }

  private static List<String> notes(long seed) {
    return Corpus.first(COUNT, seed).stream().map(memory -> memory.content().text()).collect(Collectors.toList());
  }
}
