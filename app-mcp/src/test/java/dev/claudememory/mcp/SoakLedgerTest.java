package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.mcp.SoakLedger.Family;
import dev.claudememory.testkit.Redactor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SoakLedgerTest {
  private static final String SHARED = SoakLedger.repeated(1, "deploy cache");
  private static final String OTHER = SoakLedger.repeated(2, "queue latency");

  private final SoakLedger ledger = new SoakLedger();

  @Test
  void aRepeatedTextMustBeHeldAsOftenAsTheMemoriesAcknowledgedWithIt() {
    ledger.stored("a1", Family.REPEATED, "a", "shared", SHARED, 1);
    ledger.stored("c1", Family.REPEATED, "c", "own", SHARED, 1);

    assertThat(ledger.check("here", List.of(SHARED, SHARED)).problems()).isEmpty();
    assertThat(ledger.check("here", List.of(SHARED)).lost()).isEqualTo(1);
    assertThat(ledger.check("here", List.of(SHARED, SHARED, SHARED)).duplicated()).isEqualTo(1);
  }

  @Test
  void anUnansweredStoreOfARepeatedTextMayOrMayNotHaveAddedACopy() {
    ledger.stored("a1", Family.REPEATED, "a", "shared", SHARED, 1);
    ledger.storeUnanswered("a2", Family.REPEATED, "a", "shared", SHARED);

    assertThat(ledger.check("here", List.of(SHARED)).problems()).isEmpty();
    assertThat(ledger.check("here", List.of(SHARED, SHARED)).problems()).isEmpty();
    assertThat(ledger.check("here", List.of()).lost()).isEqualTo(1);
    assertThat(ledger.check("here", List.of(SHARED, SHARED, SHARED)).duplicated()).isEqualTo(1);
  }

  @Test
  void aDeletedCopyOfARepeatedTextThatComesBackIsResurrected() {
    ledger.stored("a1", Family.REPEATED, "a", "shared", SHARED, 1);
    ledger.stored("a2", Family.REPEATED, "a", "shared", SHARED, 2);
    ledger.claim("a", "shared", SoakPlan.Whose.OWN, 1);
    ledger.deleted("a2");

    SoakLedger.Verdict verdict = ledger.check("here", List.of(SHARED, SHARED));

    assertThat(verdict.resurrected()).isEqualTo(1);
    assertThat(verdict.duplicated()).isZero();
  }

  @Test
  void anUpdateMovesACopyFromOneRepeatedTextToAnother() {
    ledger.stored("a1", Family.REPEATED, "a", "shared", SHARED, 1);
    ledger.stored("b1", Family.REPEATED, "b", "shared", SHARED, 2);
    String claimed = ledger.claim("a", "shared", SoakPlan.Whose.OWN, 0).orElseThrow().token();
    ledger.updated(claimed, OTHER);

    assertThat(ledger.check("here", List.of(SHARED, OTHER)).problems()).isEmpty();
    assertThat(ledger.check("here", List.of(SHARED, SHARED)).problems())
        .as("the update was lost and a copy of the old text stayed").hasSize(2);
  }

  @Test
  void aNoteIsKnownByItsTokenAndMayBeHeldRedactedWhereItWasPulledBack() {
    String secret = SoakLedger.sensitiveNote("c1", 0, "deploy", "abc123def456");
    ledger.stored("c1", Family.NOTE, "c", "own", secret, 1);

    assertThat(ledger.check("own", List.of(secret)).problems()).isEmpty();
    assertThat(ledger.check("shared", List.of(Redactor.redact(secret))).problems()).isEmpty();
    assertThat(ledger.check("shared", List.of(SoakLedger.note("c1", 0, "deploy"))).lost()).isEqualTo(1);
    assertThat(ledger.check("shared", List.of()).lost()).isEqualTo(1);
  }

  @Test
  void aMemoryOfTheOtherFileIsOfferedOnlyWithOneContentAndToOneWriterAtATime() {
    ledger.stored("a1", Family.NOTE, "a", "shared", SoakLedger.note("a1", 0, "x"), 7);
    ledger.stored("a2", Family.NOTE, "a", "shared", SoakLedger.note("a2", 0, "y"), 8);
    String unsure = ledger.claim("a", "shared", SoakPlan.Whose.OWN, 1).orElseThrow().token();
    ledger.updateUnanswered(unsure, SoakLedger.note(unsure, 1, "z"));

    Optional<SoakLedger.Claim> claim = ledger.claim("c", "own", SoakPlan.Whose.OTHER_FILE, 0);

    assertThat(claim).map(SoakLedger.Claim::token).contains("a1");
    assertThat(claim.get().content()).contains(SoakLedger.note("a1", 0, "x"));
    assertThat(claim.get().ownerLocalId()).isEqualTo(7);
    assertThat(ledger.claim("b", "shared", SoakPlan.Whose.SAME_FILE, 0))
        .as("a1 is claimed, a2 has two possible contents but is of b's file")
        .map(SoakLedger.Claim::token).contains("a2");
    assertThat(ledger.claim("b", "shared", SoakPlan.Whose.SAME_FILE, 0)).isEmpty();
    ledger.handOver("a1", "own", 3);
    ledger.release("a1");
    assertThat(ledger.localIdIn("a1", "own")).isEqualTo(3);
    assertThat(ledger.claim("c", "own", SoakPlan.Whose.OWN, 0)).as("stored by a").isEmpty();
    assertThat(ledger.claim("a", "shared", SoakPlan.Whose.OTHER_FILE, 0)).map(SoakLedger.Claim::token).contains("a1");
  }

  @Test
  void anotherDeploymentsMemoriesMustStayOnceUntilTheApiLosesItsDataAgain() {
    String seed = SoakLedger.seed("d2s1", "cache");
    ledger.seeded("d2s1", seed);

    assertThat(ledger.check("here", List.of()).lost()).isEqualTo(1);
    assertThat(ledger.check("here", List.of(SoakLedger.seed("d2s1", "overwritten"))).lost()).isEqualTo(1);
    ledger.apiLostItsData(List.of());
    assertThat(ledger.check("here", List.of()).problems()).isEmpty();
    assertThat(ledger.check("here", List.of(seed)).problems()).isEmpty();
    assertThat(ledger.check("here", List.of(seed, seed)).duplicated()).isEqualTo(1);
  }

  @Test
  void aRestoredBackupKeepsTheDeploymentsMemoriesButNoLongerHandsRepeatedTextsOver() {
    String seed = SoakLedger.seed("d2s1", "cache");
    ledger.seeded("d2s1", seed);
    ledger.stored("a1", Family.REPEATED, "a", "shared", SHARED, 1);
    ledger.stored("a2", Family.NOTE, "a", "shared", SoakLedger.note("a2", 0, "x"), 2);

    ledger.apiLostItsData(List.of(seed));

    assertThat(ledger.check("here", List.of(SHARED, SoakLedger.note("a2", 0, "x"))).lost()).isEqualTo(1);
    assertThat(ledger.claim("c", "own", SoakPlan.Whose.OTHER_FILE, 0)).map(SoakLedger.Claim::token).contains("a2");
    ledger.release("a2");
    assertThat(ledger.claim("c", "own", SoakPlan.Whose.OTHER_FILE, 1)).map(SoakLedger.Claim::token).contains("a2");
    assertThat(ledger.serverIdsReused()).isTrue();
  }

  @Test
  void aMemoryNoClientWroteIsAProblem() {
    assertThat(ledger.check("here", List.of("something else")).problems())
        .containsExactly("here holds a memory no client wrote: something else");
  }

  @Test
  void aBackupRestoredFromBeforeAnotherDeploymentServedMayLackItsMemories() {
    String before = SoakLedger.seed("d2s1", "cache");
    String after = SoakLedger.seed("d2s2", "queue");
    ledger.seeded("d2s1", before);
    ledger.seeded("d2s2", after);

    ledger.apiLostItsData(List.of(before));

    assertThat(ledger.check("here", List.of(before)).problems()).isEmpty();
    assertThat(ledger.check("here", List.of()).lost()).isEqualTo(1);
    assertThat(ledger.check("here", List.of(before, after, after)).duplicated()).isEqualTo(1);
  }

  @Test
  void aStaleCopyBesideTheAcknowledgedOneIsADuplicateAndNoLoss() {
    String first = SoakLedger.note("a1", 0, "deploy");
    String second = SoakLedger.note("a1", 1, "rollback");
    ledger.stored("a1", Family.NOTE, "a", "shared", first, 1);
    ledger.updated("a1", second);

    SoakLedger.Verdict both = ledger.check("here", List.of(first, second));
    SoakLedger.Verdict staleOnly = ledger.check("here", List.of(first));
    SoakLedger.Verdict staleTwice = ledger.check("here", List.of(first, first));

    assertThat(both.duplicated()).isEqualTo(1);
    assertThat(both.lost()).isZero();
    assertThat(both.problems()).hasSize(2);
    assertThat(staleOnly.lost()).isEqualTo(1);
    assertThat(staleTwice.lost()).as("one memory, lost once").isEqualTo(1);
    assertThat(staleTwice.duplicated()).isEqualTo(1);
  }
}
