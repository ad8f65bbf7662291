package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SlotTableTest {
  private static final long SEED = 0x5107_7AB1EL;

  @ParameterizedTest
  @ValueSource(ints = {10, 1_000, 100_000})
  void randomPutsAndRemovesAgreeWithAHashMapAtEveryStep(int keyRange) {
    long seed = SEED + keyRange;
    Random random = new Random(seed);
    SlotTable table = new SlotTable();
    Map<Long, Integer> expected = new HashMap<>();

    for (int step = 0; step < 200_000; step++) {
      // consecutive ids as the database gives them, and now and then one far away or negative
      long key = random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(keyRange);
      String context = "seed " + seed + ", step " + step + ", key " + key;
      switch (random.nextInt(3)) {
        case 0:
          int row = random.nextInt(Integer.MAX_VALUE);
          table.put(key, row);
          expected.put(key, row);
          break;
        case 1:
          assertThat(table.remove(key)).as(context).isEqualTo(expected.getOrDefault(key, -1));
          expected.remove(key);
          break;
        default:
          assertThat(table.get(key)).as(context).isEqualTo(expected.getOrDefault(key, -1));
      }
      assertThat(table.size()).as(context).isEqualTo(expected.size());
    }
    expected.forEach((key, row) -> assertThat(table.get(key)).as("seed %d, key %d", seed, key).isEqualTo(row));
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, Integer.MIN_VALUE})
  void aNegativeRowIsRefused(int row) {
    SlotTable table = new SlotTable();

    assertThatThrownBy(() -> table.put(7, row)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row");
    assertThat(table.size()).isZero();
    assertThat(table.get(7)).isEqualTo(-1);
  }
}
