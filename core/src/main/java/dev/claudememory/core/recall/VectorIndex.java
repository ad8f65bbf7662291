package dev.claudememory.core.recall;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.QuantizedVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every memory's vector in memory, one byte per dimension, searched by brute force: at 10,000
 * memories a scan takes a few milliseconds, at 100,000 a few tens, with no index to build or keep
 * in step. Thread-safe: searches run together, changes one at a time.
 */
final class VectorIndex {
  private final int dimensions;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Long, Integer> slotOf = new HashMap<>();
  private byte[] values;
  private float[] scales;
  private long[] ids;
  private int size;

  VectorIndex(int dimensions) {
    this.dimensions = dimensions;
    int capacity = 1024;
    values = new byte[capacity * dimensions];
    scales = new float[capacity];
    ids = new long[capacity];
  }

  int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Adds or replaces a memory's vector. */
  void put(MemoryId id, QuantizedVector vector) {
    requireDimensions(vector);
    lock.writeLock().lock();
    try {
      Integer slot = slotOf.get(id.value());
      if (slot == null) {
        if (size == ids.length) {
          grow();
        }
        slot = size++;
        slotOf.put(id.value(), slot);
        ids[slot] = id.value();
      }
      vector.copyInto(values, slot * dimensions);
      scales[slot] = vector.scale();
    } finally {
      lock.writeLock().unlock();
    }
  }

  void remove(MemoryId id) {
    lock.writeLock().lock();
    try {
      Integer slot = slotOf.remove(id.value());
      if (slot == null) {
        return;
      }
      int last = --size;
      if (slot != last) {
        System.arraycopy(values, last * dimensions, values, slot * dimensions, dimensions);
        scales[slot] = scales[last];
        ids[slot] = ids[last];
        slotOf.put(ids[slot], slot);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The {@code k} memories whose vectors lie closest to {@code query}, closest first. */
  List<Neighbour> nearest(QuantizedVector query, int k) {
    requireDimensions(query);
    if (k < 1) {
      throw new IllegalArgumentException("the number of neighbours must be at least 1: " + k);
    }
    byte[] q = query.values();
    lock.readLock().lock();
    try {
      int wanted = Math.min(k, size);
      float[] topScores = new float[wanted];
      int[] topSlots = new int[wanted];
      int filled = 0;
      int weakest = 0; // the position in top* of the lowest score, once it is full
      for (int slot = 0; slot < size; slot++) {
        int offset = slot * dimensions;
        int dot = 0;
        for (int i = 0; i < dimensions; i++) {
          dot += q[i] * values[offset + i];
        }
        float score = dot * scales[slot];
        if (filled < wanted) {
          topScores[filled] = score;
          topSlots[filled++] = slot;
          if (filled == wanted) {
            weakest = lowest(topScores);
          }
        } else if (score > topScores[weakest]) {
          topScores[weakest] = score;
          topSlots[weakest] = slot;
          weakest = lowest(topScores);
        }
      }
      List<Neighbour> found = new ArrayList<>(filled);
      for (int i = 0; i < filled; i++) {
        found.add(new Neighbour(new MemoryId(ids[topSlots[i]]), topScores[i] * query.scale()));
      }
      found.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
      return found;
    } finally {
      lock.readLock().unlock();
    }
  }

  private static int lowest(float[] scores) {
    int lowest = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] < scores[lowest]) {
        lowest = i;
      }
    }
    return lowest;
  }

  private void requireDimensions(QuantizedVector vector) {
    if (vector.dimensions() != dimensions) {
      throw new IllegalArgumentException("expected " + dimensions + " dimensions, got " + vector.dimensions());
    }
  }

  private void grow() {
    int capacity = ids.length * 2;
    values = Arrays.copyOf(values, capacity * dimensions);
    scales = Arrays.copyOf(scales, capacity);
    ids = Arrays.copyOf(ids, capacity);
  }
}
