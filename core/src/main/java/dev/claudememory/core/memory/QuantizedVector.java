package dev.claudememory.core.memory;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * A vector of meaning kept as one signed byte per dimension and a scale: {@code values[i] * scale}
 * is the dimension's value. A quarter of the room of floats, and the cosine of two unit vectors
 * comes out within about 0.01 of the exact one.
 */
public final class QuantizedVector {
  private final byte[] values;
  private final float scale;

  /** @param values copied */
  public QuantizedVector(byte[] values, float scale) {
    this.values = requireNonNull(values, "values").clone();
    if (!(scale > 0) || Float.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite: " + scale);
    }
    this.scale = scale;
  }

  /**
   * The vector rounded to bytes, its largest dimension at ±127.
   *
   * @throws IllegalArgumentException when a dimension is not a finite number
   */
  public static QuantizedVector of(float[] vector) {
    float largest = 0;
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new IllegalArgumentException("dimension " + i + " of the vector is not a finite number: " + vector[i]);
      }
      largest = Math.max(largest, Math.abs(vector[i]));
    }
    float scale = largest > 0 ? largest / 127f : 1f;
    byte[] values = new byte[vector.length];
    for (int i = 0; i < vector.length; i++) {
      values[i] = (byte) Math.round(vector[i] / scale);
    }
    return new QuantizedVector(values, scale);
  }

  /** A copy of the bytes. */
  public byte[] values() {
    return values.clone();
  }

  public float scale() {
    return scale;
  }

  public int dimensions() {
    return values.length;
  }

  /** Copies the bytes into {@code target} at {@code offset}, without another copy. */
  public void copyInto(byte[] target, int offset) {
    System.arraycopy(values, 0, target, offset, values.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QuantizedVector
        && ((QuantizedVector) other).scale == scale
        && Arrays.equals(((QuantizedVector) other).values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Float.hashCode(scale);
  }

  @Override
  public String toString() {
    return "QuantizedVector[dimensions=" + values.length + ", scale=" + scale + "]";
  }
}
