package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class QuantizedVectorTest {
  private static final long SEED = 0x5EED_0015L;
  private static final int DIMENSIONS = 384;

  @Test
  void theLargestDimensionBecomesPlusOrMinus127AndTheOthersKeepTheirShare() {
    QuantizedVector vector = QuantizedVector.of(new float[] {0.6f, -1.0f, 0.2f, 0f});

    assertThat(vector.values()).containsExactly(76, -127, 25, 0);
    assertThat(vector.scale()).isCloseTo(1.0f / 127, within(1e-9f));
    assertThat(vector.dimensions()).isEqualTo(4);
  }

  @Test
  void eachDimensionComesBackWithinHalfAStep() {
    Random random = new Random(SEED);
    for (int round = 0; round < 200; round++) {
      float[] original = unitVector(random);
      QuantizedVector vector = QuantizedVector.of(original);
      float[] back = dequantized(vector);
      for (int i = 0; i < DIMENSIONS; i++) {
        assertThat(back[i])
            .as("seed %d, round %d, dimension %d", SEED, round, i)
            .isCloseTo(original[i], within(vector.scale() / 2 + 1e-7f));
      }
    }
  }

  @Test
  void theCosineOfTwoQuantizedUnitVectorsIsWithinOneHundredthOfTheExactOne() {
    Random random = new Random(SEED);
    for (int round = 0; round < 500; round++) {
      float[] a = unitVector(random);
      // half the pairs unrelated, half close together, where ranking matters most
      float[] b = round % 2 == 0 ? unitVector(random) : nearby(a, random);
      double exact = dot(a, b);

      QuantizedVector qa = QuantizedVector.of(a);
      QuantizedVector qb = QuantizedVector.of(b);

      assertThat(dot(dequantized(qa), dequantized(qb)))
          .as("seed %d, round %d", SEED, round)
          .isCloseTo(exact, within(0.01));
    }
  }

  @Test
  void aVectorOfZerosStaysZerosWithAUsableScale() {
    QuantizedVector vector = QuantizedVector.of(new float[3]);

    assertThat(vector.values()).containsExactly(0, 0, 0);
    assertThat(vector.scale()).isPositive();
  }

  @Test
  void theBytesAreCopiedInAndOut() {
    byte[] bytes = {1, 2, 3};
    QuantizedVector vector = new QuantizedVector(bytes, 0.5f);
    bytes[0] = 99;
    vector.values()[1] = 99;

    assertThat(vector.values()).containsExactly(1, 2, 3);
    byte[] target = new byte[5];
    vector.copyInto(target, 2);
    assertThat(target).containsExactly(0, 0, 1, 2, 3);
  }

  @Test
  void vectorsWithTheSameBytesAndScaleAreEqual() {
    assertThat(new QuantizedVector(new byte[] {1, -2}, 0.25f))
        .isEqualTo(new QuantizedVector(new byte[] {1, -2}, 0.25f))
        .hasSameHashCodeAs(new QuantizedVector(new byte[] {1, -2}, 0.25f))
        .isNotEqualTo(new QuantizedVector(new byte[] {1, -2}, 0.5f))
        .isNotEqualTo(new QuantizedVector(new byte[] {1, 2}, 0.25f));
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, -0.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
  void aScaleThatIsNotPositiveAndFiniteIsRefused(float scale) {
    assertThatThrownBy(() -> new QuantizedVector(new byte[] {1}, scale))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scale");
  }

  @Test
  void missingBytesAreRefused() {
    assertThatThrownBy(() -> new QuantizedVector(null, 1f))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("values");
  }

  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
  void aVectorWithADimensionThatIsNotAFiniteNumberIsRefused(float broken) {
    float[] vector = {0.3f, broken, -0.8f};

    assertThatThrownBy(() -> QuantizedVector.of(vector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension 1")
        .hasMessageContaining("finite");
  }

  private static float[] dequantized(QuantizedVector vector) {
    byte[] values = vector.values();
    float[] back = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      back[i] = values[i] * vector.scale();
    }
    return back;
  }

  static float[] unitVector(Random random) {
    float[] vector = new float[DIMENSIONS];
    for (int i = 0; i < DIMENSIONS; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return normalized(vector);
  }

  private static float[] nearby(float[] vector, Random random) {
    float[] moved = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      moved[i] = vector[i] + 0.02f * (float) random.nextGaussian();
    }
    return normalized(moved);
  }

  private static float[] normalized(float[] vector) {
    float norm = (float) Math.sqrt(dot(vector, vector));
    for (int i = 0; i < vector.length; i++) {
      vector[i] /= norm;
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
}
