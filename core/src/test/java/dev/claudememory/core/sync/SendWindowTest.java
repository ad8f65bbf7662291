package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SendWindowTest {
  private static final Instant SENT = Instant.parse("2026-12-07T10:00:00Z");
  private static final Instant ASKED = SENT.plusSeconds(60);
  /** Read in an answer that took 200 ms: the server's clock is 59:59.8 to 1:00:00 behind ours. */
  private static final ServerClock HOUR_BEHIND =
      ServerClock.read("2026-12-07T09:01:00+00:00", ASKED, ASKED.plusMillis(200));

  @Test
  void theServersClockIsAheadByAtLeastItsTimeLessTheAnswersArrivalAndAtMostItsTimeLessTheQuestion() {
    assertThat(HOUR_BEHIND.aheadAtLeast()).contains(Duration.ofHours(-1).minusMillis(200));
    assertThat(HOUR_BEHIND.aheadAtMost()).contains(Duration.ofHours(-1));
  }

  @Test
  void aCopyIsJudgedOnTheServersClockWhichMayRunAnHourBehindOurs() {
    SendWindow answered = SendWindow.opened(SENT).closedAt(SENT.plusMillis(300));
    Instant sentThere = SENT.minus(Duration.ofHours(1));

    assertThat(answered.excludes(sentThere.plusMillis(150), HOUR_BEHIND)).isFalse();
    assertThat(answered.excludes(sentThere.minusMillis(250), HOUR_BEHIND)).isFalse(); // within the reading's spread
    assertThat(answered.excludes(sentThere.minusMillis(400), HOUR_BEHIND)).isTrue();
    assertThat(answered.excludes(sentThere.plusMillis(500), HOUR_BEHIND)).isTrue();
    assertThat(answered.excludes(SENT.plusMillis(100), HOUR_BEHIND)).isTrue();
  }

  @Test
  void whileTheAttemptsOutcomeIsUnknownOnlyCopiesMadeBeforeItWasSentAreExcluded() {
    SendWindow open = SendWindow.opened(SENT);
    ServerClock same = ServerClock.read("2026-12-07T10:01:00+00:00", ASKED, ASKED);

    assertThat(open.excludes(SENT.plus(Duration.ofDays(1)), same)).isFalse();
    assertThat(open.excludes(SENT.minusSeconds(5), same)).isTrue();
  }

  @Test
  void noCopyIsExcludedWhenTheServersClockCouldNotBeRead() {
    ServerClock unknown = ServerClock.read("not a time", ASKED, ASKED);

    assertThat(SendWindow.opened(SENT).closedAt(SENT).excludes(SENT.minus(Duration.ofDays(1)), unknown)).isFalse();
    assertThat(unknown.aheadAtLeast()).isEmpty();
  }

  @Test
  void aClockRangeWhoseLeastIsAboveItsMostIsRefused() {
    assertThatThrownBy(() -> new ServerClock(Optional.of(Duration.ofSeconds(2)), Optional.of(Duration.ofSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
