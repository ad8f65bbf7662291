package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.RemoteMemory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a server copy is told from another memory given its id: by its {@code created_at}. */
final class LostServerCopiesTest {
  private static final String CREATED = "2026-11-24T21:47:33.680389+00:00";

  private static RemoteMemory copyCreatedAt(String createdAt) {
    return new RemoteMemory(new ServerId(1_001), "text", "facts", "", "", 0.5, false, createdAt, createdAt,
        Optional.empty());
  }

  @Test
  void aCopyWhoseCreatedAtIsTheSameInstantWrittenAnotherWayIsTheSameCopy() {
    assertThat(LostServerCopies.sameCopy(Optional.of(CREATED), copyCreatedAt("2026-11-24T21:47:33.680389Z")))
        .isTrue();
    assertThat(LostServerCopies.sameCopy(Optional.of("2026-11-24T22:47:33.680389+01:00"), copyCreatedAt(CREATED)))
        .isTrue();
  }

  @Test
  void aCopyCreatedAtAnotherInstantIsAnotherMemory() {
    assertThat(LostServerCopies.sameCopy(Optional.of(CREATED), copyCreatedAt("2026-11-24T21:47:34.680389+00:00")))
        .isFalse();
  }

  @Test
  void withNoCreatedAtRecordedAnyCopyIsTakenForTheMemorysOwn() {
    assertThat(LostServerCopies.sameCopy(Optional.empty(), copyCreatedAt(CREATED))).isTrue();
  }

  @Test
  void createdAtTextsThatAreNoTimestampsAreComparedAsText() {
    assertThat(LostServerCopies.sameCopy(Optional.of("yesterday"), copyCreatedAt("yesterday"))).isTrue();
    assertThat(LostServerCopies.sameCopy(Optional.of("yesterday"), copyCreatedAt(CREATED))).isFalse();
  }
}
