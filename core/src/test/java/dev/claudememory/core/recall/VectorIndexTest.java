package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.QuantizedVector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class VectorIndexTest {
  private static final long SEED = 0x1DE5_0015L;
  private static final int DIMENSIONS = 384;

  @ParameterizedTest
  @ValueSource(ints = {1, 10, 50})
  void theNearestAreExactlyThoseABruteForceScanOfTheSameVectorsFinds(int k) {
    Random random = new Random(SEED + k);
    // more than the first allocation holds, so growing is crossed too
    Map<Long, QuantizedVector> vectors = randomVectors(random, 2_500);
    VectorIndex index = indexOf(vectors);

    for (int round = 0; round < 20; round++) {
      QuantizedVector query = QuantizedVector.of(unitVector(random));
      List<Neighbour> found = index.nearest(query, k);

      Map<Long, Double> exact = new HashMap<>();
      vectors.forEach((id, vector) -> exact.put(id, quantizedDot(query, vector)));
      List<Double> best = exact.values().stream().sorted((a, b) -> Double.compare(b, a)).limit(k)
          .collect(Collectors.toList());
      String context = "seed " + (SEED + k) + ", round " + round;
      assertThat(found).as(context).hasSize(k);
      for (int i = 0; i < k; i++) {
        Neighbour neighbour = found.get(i);
        assertThat(neighbour.similarity()).as(context + ", rank " + i).isCloseTo(best.get(i), within(1e-5));
        assertThat(neighbour.similarity()).as(context + ", rank " + i)
            .isCloseTo(exact.get(neighbour.id().value()), within(1e-5));
      }
      assertThat(found.stream().map(neighbour -> neighbour.id().value()).distinct()).as(context).hasSize(k);
    }
  }

  @Test
  void anIndexScannedInTwoHalvesFindsWhatOneScanFinds() {
    Random random = new Random(SEED);
    int count = VectorIndex.SPLIT_FROM_CHUNKS * VectorIndex.ROWS_PER_CHUNK + 700;
    Map<Long, QuantizedVector> vectors = randomVectors(random, count);
    VectorIndex index = indexOf(vectors);

    for (int round = 0; round < 5; round++) {
      QuantizedVector query = QuantizedVector.of(unitVector(random));
      List<Neighbour> found = index.nearest(query, 50);

      List<Long> best = vectors.keySet().stream()
          .sorted((a, b) -> Double.compare(quantizedDot(query, vectors.get(b)), quantizedDot(query, vectors.get(a))))
          .limit(50)
          .collect(Collectors.toList());
      assertThat(found).as("seed %d, round %d", SEED, round)
          .extracting(neighbour -> neighbour.id().value()).containsExactlyElementsOf(best);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 8, 13, 385})
  void everyDimensionCountsWhateverTheirNumber(int dimensions) {
    Random random = new Random(SEED + dimensions);
    VectorIndex index = new VectorIndex(dimensions);
    Map<Long, QuantizedVector> vectors = new HashMap<>();
    for (long id = 1; id <= 300; id++) {
      QuantizedVector vector = QuantizedVector.of(gaussians(random, dimensions));
      vectors.put(id, vector);
      index.put(new MemoryId(id), vector);
    }
    for (int round = 0; round < 10; round++) {
      QuantizedVector query = QuantizedVector.of(gaussians(random, dimensions));
      List<Neighbour> found = index.nearest(query, 300);
      String context = "seed " + (SEED + dimensions) + ", round " + round;
      assertThat(found).as(context).hasSize(300);
      for (Neighbour neighbour : found) {
        assertThat(neighbour.similarity()).as(context + ", memory " + neighbour.id())
            .isCloseTo(quantizedDot(query, vectors.get(neighbour.id().value())), within(1e-4));
      }
    }
  }

  private static float[] gaussians(Random random, int dimensions) {
    float[] values = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  @Test
  void theSimilaritiesAreTheFloatCosinesWithinTolerance() {
    Random random = new Random(SEED);
    Map<Long, float[]> floats = new HashMap<>();
    VectorIndex index = new VectorIndex(DIMENSIONS);
    for (long id = 1; id <= 1_000; id++) {
      float[] vector = unitVector(random);
      floats.put(id, vector);
      index.put(new MemoryId(id), QuantizedVector.of(vector));
    }

    for (int round = 0; round < 20; round++) {
      float[] query = unitVector(random);
      List<Neighbour> found = index.nearest(QuantizedVector.of(query), 10);

      String context = "seed " + SEED + ", round " + round;
      Map<Long, Double> cosines = new HashMap<>();
      floats.forEach((id, vector) -> cosines.put(id, dot(query, vector)));
      for (Neighbour neighbour : found) {
        assertThat(neighbour.similarity()).as(context)
            .isCloseTo(cosines.get(neighbour.id().value()), within(0.01));
      }
      // the float scan's best ten can differ only by near ties at the border
      double border = cosines.get(found.get(found.size() - 1).id().value());
      List<Long> foundIds = found.stream().map(neighbour -> neighbour.id().value()).collect(Collectors.toList());
      cosines.forEach((id, cosine) -> {
        if (!foundIds.contains(id)) {
          assertThat(cosine).as(context + ", left out " + id).isLessThan(border + 0.02);
        }
      });
    }
  }

  @Test
  void aVectorPutAgainReplacesTheOldOne() {
    VectorIndex index = new VectorIndex(3);
    index.put(id(1), vector(1, 0, 0));
    index.put(id(2), vector(0, 1, 0));

    index.put(id(1), vector(0, 0, 1));

    assertThat(index.size()).isEqualTo(2);
    List<Neighbour> found = index.nearest(vector(0, 0, 1), 2);
    assertThat(found.get(0).id()).isEqualTo(id(1));
    assertThat(found.get(0).similarity()).isCloseTo(1.0, within(0.01));
    assertThat(found.get(1).similarity()).isCloseTo(0.0, within(0.01));
  }

  @Test
  void aRemovedVectorIsNeverFoundAndTheOthersKeepTheirOwn() {
    VectorIndex index = new VectorIndex(3);
    index.put(id(1), vector(1, 0, 0));
    index.put(id(2), vector(0, 1, 0));
    index.put(id(3), vector(0, 0, 1));

    // the first slot's removal moves the last vector into it: its id must follow
    index.remove(id(1));
    index.put(id(3), vector(0.6f, 0.8f, 0));
    index.remove(id(404));

    assertThat(index.size()).isEqualTo(2);
    List<Neighbour> found = index.nearest(vector(1, 0, 0), 5);
    assertThat(found).extracting(Neighbour::id).containsExactly(id(3), id(2));
    assertThat(found.get(0).similarity()).isCloseTo(0.6, within(0.01));
    List<Neighbour> alongSecond = index.nearest(vector(0, 1, 0), 2);
    assertThat(alongSecond).extracting(Neighbour::id).containsExactly(id(2), id(3));
    assertThat(alongSecond.get(1).similarity()).isCloseTo(0.8, within(0.01));

    index.remove(id(3));
    index.remove(id(2));
    assertThat(index.size()).isZero();
    assertThat(index.nearest(vector(1, 0, 0), 5)).isEmpty();
  }

  @Test
  void askingForMoreThanItHoldsGivesEveryVectorClosestFirst() {
    VectorIndex index = new VectorIndex(2);
    index.put(id(1), vector(0, 1));
    index.put(id(2), vector(1, 0));
    index.put(id(3), vector(0.8f, 0.6f));

    assertThat(index.nearest(vector(1, 0), 10)).extracting(Neighbour::id).containsExactly(id(2), id(3), id(1));
    assertThat(new VectorIndex(2).nearest(vector(1, 0), 10)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void aCountOfNeighboursBelowOneIsRefused(int k) {
    VectorIndex index = new VectorIndex(2);
    index.put(id(1), vector(0, 1));

    assertThatThrownBy(() -> index.nearest(vector(0, 1), k))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neighbours");
  }

  @Test
  void vectorsOfOtherDimensionsAreRefused() {
    VectorIndex index = new VectorIndex(3);
    index.put(id(1), vector(0, 1, 0));

    assertThatThrownBy(() -> index.put(id(2), vector(1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 dimensions");
    assertThatThrownBy(() -> index.nearest(vector(1, 0), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 dimensions");
    assertThatThrownBy(() -> index.nearest(vector(1, 0, 0, 0), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 dimensions");
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void searchesRunSafelyWhileVectorsComeAndGo() throws InterruptedException {
    VectorIndex index = new VectorIndex(DIMENSIONS);
    Random setup = new Random(SEED);
    Map<Long, QuantizedVector> vectors = randomVectors(setup, 500);
    vectors.forEach((id, vector) -> index.put(new MemoryId(id), vector));
    QuantizedVector query = QuantizedVector.of(unitVector(setup));
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    Thread writer = new Thread(() -> {
      Random random = new Random(SEED + 1);
      try {
        for (int i = 0; i < 5_000; i++) {
          long id = 1 + random.nextInt(1_500);
          if (random.nextBoolean()) {
            index.put(new MemoryId(id), vectors.getOrDefault(id, query));
          } else {
            index.remove(new MemoryId(id));
          }
        }
      } catch (RuntimeException | Error e) {
        failures.add(e);
      }
    });
    writer.start();
    try {
      while (writer.isAlive()) {
        List<Neighbour> found = index.nearest(query, 20);
        assertThat(found).isSortedAccordingTo((a, b) -> Double.compare(b.similarity(), a.similarity()));
        assertThat(found).allSatisfy(neighbour -> assertThat(neighbour.id().value()).isBetween(1L, 1_500L));
      }
    } finally {
      writer.join(60_000);
    }
    assertThat(failures).as("seed %d", SEED + 1).isEmpty();
  }

  private static VectorIndex indexOf(Map<Long, QuantizedVector> vectors) {
    VectorIndex index = new VectorIndex(DIMENSIONS);
    vectors.forEach((id, vector) -> index.put(new MemoryId(id), vector));
    return index;
  }

  private static Map<Long, QuantizedVector> randomVectors(Random random, int count) {
    Map<Long, QuantizedVector> vectors = new HashMap<>();
    for (long id = 1; id <= count; id++) {
      vectors.put(id, QuantizedVector.of(unitVector(random)));
    }
    return vectors;
  }

  /** The dot product of the vectors as stored, computed independently of the index. */
  private static double quantizedDot(QuantizedVector a, QuantizedVector b) {
    byte[] x = a.values();
    byte[] y = b.values();
    long sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i] * y[i];
    }
    return (double) sum * a.scale() * b.scale();
  }

  private static float[] unitVector(Random random) {
    float[] vector = new float[DIMENSIONS];
    double squares = 0;
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] = (float) random.nextGaussian();
      squares += (double) vector[i] * vector[i];
    }
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] /= (float) Math.sqrt(squares);
    }
    return vector;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static MemoryId id(long value) {
    return new MemoryId(value);
  }

  private static QuantizedVector vector(float... values) {
    return QuantizedVector.of(values);
  }
}
