package dev.claudememory.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class BackupNamesTest {
  private static final long SEED = 20260124L;
  private static final long LAST_MILLI_OF_9999 =
      Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
  private static final Instant TIME = Instant.parse("2026-01-24T21:47:33.680389Z");

  @Test
  void aNameHoldsTheKindAndTheUtcTimeToTheMillisecondWithoutColons() {
    assertThat(BackupNames.name(BackupNames.PRE_MIGRATION, TIME))
        .isEqualTo("pre-migration-2026-01-24T21-47-33.680Z.db");
    assertThat(BackupNames.name(BackupNames.ON_REQUEST, Instant.parse("2026-01-02T03:04:05Z")))
        .isEqualTo("memory-2026-01-02T03-04-05.000Z.db");
  }

  @Test
  void nameOrderIsAgeOrderForAnyTimes() {
    Random random = new Random(SEED);
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      times.add(Instant.ofEpochMilli((long) (random.nextDouble() * LAST_MILLI_OF_9999)));
    }
    List<String> names = new ArrayList<>();
    times.forEach(time -> names.add(BackupNames.name(BackupNames.PRE_RESTORE, time)));
    Collections.sort(times);
    Collections.sort(names);

    List<String> byAge = new ArrayList<>();
    times.forEach(time -> byAge.add(BackupNames.name(BackupNames.PRE_RESTORE, time)));
    assertThat(names).as("seed %d", SEED).isEqualTo(byAge);
  }

  @Test
  void aNameIsOfItsOwnKindOnly() {
    String preMigration = BackupNames.name(BackupNames.PRE_MIGRATION, TIME);

    assertThat(BackupNames.isOfKind(BackupNames.PRE_MIGRATION, preMigration)).isTrue();
    assertThat(BackupNames.isOfKind(BackupNames.PRE_RESTORE, preMigration)).isFalse();
    assertThat(BackupNames.isOfKind(BackupNames.ON_REQUEST, preMigration)).isFalse();
    assertThat(BackupNames.isOfKind(BackupNames.PRE_MIGRATION, "pre-migration-mine.db")).isFalse();
    assertThat(BackupNames.isOfKind(BackupNames.PRE_MIGRATION, preMigration + "-wal")).isFalse();
  }

  @Test
  void outdatedNamesAreTheOldestBeyondTheNewestKept() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      names.add(BackupNames.name(BackupNames.PRE_MIGRATION, TIME.plus(Duration.ofMinutes(i))));
    }
    List<String> shuffled = new ArrayList<>(names);
    Collections.shuffle(shuffled, new Random(SEED));

    assertThat(BackupNames.outdated(BackupNames.PRE_MIGRATION, shuffled, 5))
        .containsExactlyInAnyOrderElementsOf(names.subList(0, 3));
  }

  @Test
  void rotationNeverTouchesOtherKindsOrOtherFiles() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      names.add(BackupNames.name(BackupNames.ON_REQUEST, TIME.plus(Duration.ofMinutes(i))));
    }
    names.add("notes.txt");
    names.add(BackupNames.name(BackupNames.PRE_MIGRATION, TIME));

    assertThat(BackupNames.outdated(BackupNames.PRE_MIGRATION, names, 1)).isEmpty();
  }

  @Test
  void keepingFewerThanOneIsRefused() {
    assertThatThrownBy(() -> BackupNames.outdated(BackupNames.PRE_MIGRATION, List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
