package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.MemoryFields;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One queued change: when it is due, whether the server may hold it already, what it shows. */
final class PendingOpTest {
  private static final Instant NOW = Instant.parse("2026-11-24T21:47:33.680389Z");
  private static final Instant LANDED = NOW.plusSeconds(5);
  private static final MemoryId MEMORY = new MemoryId(7);
  private static final ServerId COPY = new ServerId(1_001);

  private static PendingOp op(OpKind kind, Optional<ServerId> serverId) {
    return PendingOp.create(Optional.of(MEMORY), kind, serverId, NOW);
  }

  @Test
  void onlyACreateOrADeleteWhoseCopyNoPullHasShownNeedsALookUp() {
    Optional<String> sent = Optional.of("sent, answer lost");

    assertThat(op(OpKind.CREATE, Optional.empty()).withUnconfirmedContent(sent).needsReconciliation()).isTrue();
    assertThat(op(OpKind.DELETE, Optional.empty()).withUnconfirmedContent(sent).needsReconciliation()).isTrue();
    assertThat(op(OpKind.DELETE, Optional.of(COPY)).withUnconfirmedContent(sent).needsReconciliation()).isTrue();
    assertThat(op(OpKind.UPDATE, Optional.of(COPY)).withUnconfirmedContent(sent).needsReconciliation()).isFalse();
    assertThat(op(OpKind.CREATE, Optional.empty()).needsReconciliation()).isFalse();
    assertThat(op(OpKind.DELETE, Optional.of(COPY)).needsReconciliation()).isFalse();
  }

  @Test
  void aCreateAnsweredWithAnIdKeepsWhatItSentAndIsDueForTheLookUpAtOnce() {
    PendingOp sent = op(OpKind.CREATE, Optional.empty()).sending(Optional.of(sent("sent")), NOW, LANDED);

    PendingOp answered = sent.answered(COPY, NOW.plusSeconds(1));

    assertThat(answered.answeredId()).contains(COPY);
    assertThat(answered.needsReconciliation()).isTrue();
    assertThat(answered.unconfirmedContent()).contains("sent");
    assertThat(answered.unconfirmedTerms()).isEqualTo(sent.unconfirmedTerms());
    assertThat(answered.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
    assertThat(op(OpKind.DELETE, Optional.of(COPY)).answeredId()).isEmpty();
  }

  @Test
  void aCreateBeingSentRemembersItsContentTermsAndWhenItWasSentAndWaitsUntilItMustHaveLanded() {
    PendingOp sending = op(OpKind.CREATE, Optional.empty()).sending(Optional.of(sent("the text sent")), NOW, LANDED);

    assertThat(sending.unconfirmedContent()).contains("the text sent");
    assertThat(sending.unconfirmedTerms()).contains(PendingOp.termsOf("team, standup", "meeting daily"));
    assertThat(sending.unconfirmedSend()).contains(new SendWindow(NOW, Optional.empty()));
    assertThat(sending.nextAttemptAt()).isEqualTo(LANDED);
    assertThat(sending.attempts()).isEqualTo(1);
  }

  @Test
  void anUpdateBeingSentKeepsItsDueTime() {
    PendingOp sending = op(OpKind.UPDATE, Optional.of(COPY)).sending(Optional.empty(), NOW, LANDED);

    assertThat(sending.unconfirmedContent()).isEmpty();
    assertThat(sending.nextAttemptAt()).isEqualTo(NOW);
  }

  @Test
  void anOpSentAgainIsLookedForAsFarBackAsItsMemoryWasWritten() {
    Memory written = memory("2026-11-20T08:00:00.000000+00:00");
    PendingOp queued = op(OpKind.UPDATE, Optional.of(COPY));

    PendingOp again = queued.sentAgain(written);

    assertThat(again.kind()).isEqualTo(OpKind.CREATE);
    assertThat(again.serverId()).isEmpty();
    assertThat(again.unconfirmedContent()).contains(written.content());
    assertThat(again.unconfirmedTerms()).contains(PendingOp.termsOf(written.tags(), written.expandedKeywords()));
    assertThat(again.createdAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
    assertThat(again.key()).isEqualTo(queued.key());
  }

  @Test
  void anOpSentAgainForAMemoryDatedAfterItKeepsItsOwnDate() {
    PendingOp queued = op(OpKind.UPDATE, Optional.of(COPY));

    PendingOp again = queued.sentAgain(memory("2026-11-25T08:00:00.000000+00:00"));

    assertThat(again.createdAt()).isEqualTo(NOW);
  }

  @Test
  void anAttemptIsCountedOnce() {
    assertThat(op(OpKind.CREATE, Optional.empty()).attempted().attempted().attempts()).isEqualTo(2);
  }

  @Test
  void anOpsDescriptionNamesItButNeverShowsContent() {
    PendingOp op = op(OpKind.CREATE, Optional.empty()).withUnconfirmedContent(Optional.of("password=hunter22"));

    assertThat(op.toString()).contains("kind=CREATE").contains("memory=" + MEMORY).contains("unconfirmed=true")
        .doesNotContain("hunter22");
  }

  @Test
  void aFailedAttemptIsDueAgainLaterButNotBeforeACreateItSentMustHaveLanded() {
    PendingOp sent = op(OpKind.CREATE, Optional.empty()).sending(Optional.of(sent("sent")), NOW, LANDED);

    assertThat(sent.failed("503", NOW.plusSeconds(1)).nextAttemptAt()).isEqualTo(LANDED);
    assertThat(sent.failed("503", LANDED.plus(Duration.ofMinutes(1))).nextAttemptAt())
        .isEqualTo(LANDED.plus(Duration.ofMinutes(1)));
  }

  @Test
  void anOpWhoseContentIsSetAloneDoesNotKnowTheTermsSent() {
    PendingOp sending = op(OpKind.CREATE, Optional.empty()).sending(Optional.of(sent("sent")), NOW, LANDED);

    assertThat(sending.withUnconfirmedContent(Optional.empty()).unconfirmedTerms()).isEmpty();
    assertThat(sending.withUnconfirmedContent(Optional.of("sent")).unconfirmedTerms()).isEmpty();
  }

  @Test
  void termsTellTagsFromRelatedTerms() {
    assertThat(PendingOp.termsOf("a b", "")).isNotEqualTo(PendingOp.termsOf("a", "b"));
    assertThat(PendingOp.termsOf("", "a b")).isNotEqualTo(PendingOp.termsOf("a b", ""));
  }

  private static MemoryFields sent(String content) {
    return new MemoryFields(content, "facts", "team, standup", "meeting daily", 0.5, false);
  }

  private static Memory memory(String createdAt) {
    return new Memory(MEMORY, Optional.of(COPY), "the memory's text", Category.DEFAULT, "its tags", "its terms", 0.5, false,
        createdAt, createdAt);
  }
}
