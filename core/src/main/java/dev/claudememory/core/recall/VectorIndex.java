package dev.claudememory.core.recall;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.QuantizedVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Every memory's vector in memory, one byte per dimension, searched by brute force: at 10,000
 * memories a scan takes a few milliseconds, at 100,000 a few tens, with no index to build or keep
 * in step. Thread-safe: searches run together, changes one at a time.
 *
 * <p>Vectors are kept in chunks of {@value #ROWS_PER_CHUNK} rows, so growing adds one chunk and
 * never copies the vectors already held: one array for them all would need the old and the doubled
 * array at once (75 MB at 65,536 memories), more than the server's whole heap can spare.
 */
final class VectorIndex {
  /** 384 KB of 384-dimension vectors: a small index stays small and growth allocates little. */
  static final int ROWS_PER_CHUNK = 1_024;

  private final int dimensions;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final SlotTable slotOf = new SlotTable();
  // chunk c holds rows c * ROWS_PER_CHUNK and on; only chunks that hold a row are allocated
  private byte[][] values = new byte[8][];
  private float[][] scales = new float[8][];
  private long[][] ids = new long[8][];
  private int size;

  VectorIndex(int dimensions) {
    this.dimensions = dimensions;
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
      int slot = slotOf.get(id.value());
      if (slot < 0) {
        slot = size;
        if (slot % ROWS_PER_CHUNK == 0) {
          addChunk(slot / ROWS_PER_CHUNK);
        }
        size++;
        slotOf.put(id.value(), slot);
        ids[slot / ROWS_PER_CHUNK][slot % ROWS_PER_CHUNK] = id.value();
      }
      int chunk = slot / ROWS_PER_CHUNK;
      int row = slot % ROWS_PER_CHUNK;
      vector.copyInto(values[chunk], row * dimensions);
      scales[chunk][row] = vector.scale();
    } finally {
      lock.writeLock().unlock();
    }
  }

  void remove(MemoryId id) {
    lock.writeLock().lock();
    try {
      int slot = slotOf.remove(id.value());
      if (slot < 0) {
        return;
      }
      int last = --size;
      int chunk = slot / ROWS_PER_CHUNK;
      int row = slot % ROWS_PER_CHUNK;
      int lastChunk = last / ROWS_PER_CHUNK;
      int lastRow = last % ROWS_PER_CHUNK;
      if (slot != last) {
        System.arraycopy(values[lastChunk], lastRow * dimensions, values[chunk], row * dimensions, dimensions);
        scales[chunk][row] = scales[lastChunk][lastRow];
        ids[chunk][row] = ids[lastChunk][lastRow];
        slotOf.put(ids[chunk][row], slot);
      }
      if (lastRow == 0) {
        // the last chunk is empty now: its memory goes back to the heap
        values[lastChunk] = null;
        scales[lastChunk] = null;
        ids[lastChunk] = null;
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
      for (int chunk = 0; chunk * ROWS_PER_CHUNK < size; chunk++) {
        // one chunk's arrays in locals, so the inner loops index plain arrays
        byte[] chunkValues = values[chunk];
        float[] chunkScales = scales[chunk];
        int first = chunk * ROWS_PER_CHUNK;
        int rows = Math.min(ROWS_PER_CHUNK, size - first);
        for (int row = 0; row < rows; row++) {
          int offset = row * dimensions;
          int dot = 0;
          for (int i = 0; i < dimensions; i++) {
            dot += q[i] * chunkValues[offset + i];
          }
          float score = dot * chunkScales[row];
          if (filled < wanted) {
            topScores[filled] = score;
            topSlots[filled++] = first + row;
            if (filled == wanted) {
              weakest = lowest(topScores);
            }
          } else if (score > topScores[weakest]) {
            topScores[weakest] = score;
            topSlots[weakest] = first + row;
            weakest = lowest(topScores);
          }
        }
      }
      List<Neighbour> found = new ArrayList<>(filled);
      for (int i = 0; i < filled; i++) {
        int slot = topSlots[i];
        long id = ids[slot / ROWS_PER_CHUNK][slot % ROWS_PER_CHUNK];
        found.add(new Neighbour(new MemoryId(id), topScores[i] * query.scale()));
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

  private void addChunk(int chunk) {
    if (chunk == values.length) {
      // only the table of chunks doubles: a reference per chunk
      values = Arrays.copyOf(values, chunk * 2);
      scales = Arrays.copyOf(scales, chunk * 2);
      ids = Arrays.copyOf(ids, chunk * 2);
    }
    values[chunk] = new byte[ROWS_PER_CHUNK * dimensions];
    scales[chunk] = new float[ROWS_PER_CHUNK];
    ids[chunk] = new long[ROWS_PER_CHUNK];
  }
}
