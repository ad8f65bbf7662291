package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

final class MemoryTest {
  private static final Memory SECRET =
      new Memory(
          new MemoryId(3),
          Optional.empty(),
          "password=hunter2",
          new Category("facts"),
          "db",
          "database credentials",
          0.25,
          true,
          "2026-11-24T21:47:33.680389+00:00",
          "2026-11-24T21:47:33.680389+00:00");

  @Test
  void toStringNeverShowsTheContent() {
    assertThat(SECRET.toString())
        .doesNotContain("hunter2")
        .contains("id=3", "serverId=none", "category=facts", "sensitive=true");
  }

  @Test
  void importanceIsShownWithOneDecimalAsPythonRoundsIt() {
    assertThat(SECRET.importanceDisplay()).isEqualTo("0.2");
  }
}
