package dev.claudememory.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MemoryCountsTest {

  @Test
  void categoriesAreOrderedMostPopulousFirstThenByName() {
    Map<String, Long> given = new LinkedHashMap<>();
    given.put("people", 1L);
    given.put("facts", 5L);
    given.put("Old Style", 2L);
    given.put("decisions", 2L);

    MemoryCounts counts = new MemoryCounts(10, given);

    assertThat(counts.byCategory().keySet())
        .containsExactly("facts", "Old Style", "decisions", "people");
  }

  @Test
  void theCountsCannotBeChangedAfterwards() {
    Map<String, Long> given = new LinkedHashMap<>(Map.of("facts", 1L));
    MemoryCounts counts = new MemoryCounts(1, given);
    given.put("people", 3L);

    assertThat(counts.byCategory()).containsOnlyKeys("facts");
    assertThatThrownBy(() -> counts.byCategory().put("x", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aNegativeTotalIsAProgrammingError() {
    assertThatThrownBy(() -> new MemoryCounts(-1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
