package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.CredentialSamples.Sample;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Credentials of every kind a secret scanner knows, generated in their issuers' formats and set in
 * sentences that name nothing secret: each is recognised by the credential alone.
 */
final class CredentialDetectionTest {
  private static final long SEED = 20_261_207L;
  private static final int PER_KIND = 40;

  @Test
  void everyGeneratedCredentialOfEveryKindIsRecognised() {
    CredentialSamples samples = new CredentialSamples(SEED);

    Map<String, Sample> firstMissedByKind =
        samples.samples(PER_KIND).stream()
            .filter(sample -> !SensitiveContent.looksLikeCredential(sample.text()))
            .collect(Collectors.toMap(Sample::kind, sample -> sample, (first, later) -> first, TreeMap::new));

    assertThat(samples.kinds()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(firstMissedByKind).as("seed %d: kinds with a credential not recognised", SEED).isEmpty();
  }

  @Test
  void aCredentialIsRecognisedWhereverTheNoteHoldsIt() {
    CredentialSamples samples = new CredentialSamples(SEED + 1);
    String note = "Kestrel deploys are frozen on Fridays; ask Priya before touching the billing-service.";

    for (int i = 0; i < 500; i++) {
      Sample sample = samples.anyOne();
      int cut = note.indexOf(' ', (i * 7) % note.length());
      String before = cut < 0 ? note : note.substring(0, cut + 1);
      String after = cut < 0 ? "" : " " + note.substring(cut + 1);

      assertThat(SensitiveContent.looksLikeCredential(before + sample.credential() + after))
          .as("seed %d, %s", SEED + 1, sample)
          .isTrue();
    }
  }
}
