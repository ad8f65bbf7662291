package dev.claudememory.core.recall;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.QuantizedVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
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
  /**
   * From this many chunks (16,384 vectors, a scan of about 5 ms on the server's JIT) the two halves
   * are scanned at once, one on the caller's thread and one on the common pool's: at 100,000
   * memories a scan takes half the wall time on two cores. Below, handing work over costs more
   * than it saves.
   */
  static final int SPLIT_FROM_CHUNKS = 16;

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
      int chunks = (size + ROWS_PER_CHUNK - 1) / ROWS_PER_CHUNK;
      Top best;
      if (chunks >= SPLIT_FROM_CHUNKS) {
        int middle = chunks / 2;
        // this thread keeps the read lock until both halves are done: no change lands under either
        CompletableFuture<Top> upper =
            CompletableFuture.supplyAsync(() -> scan(q, middle, chunks, wanted), ForkJoinPool.commonPool());
        best = scan(q, 0, middle, wanted).with(upper.join(), wanted);
      } else {
        best = scan(q, 0, chunks, wanted);
      }
      List<Neighbour> found = new ArrayList<>(best.filled);
      for (int i = 0; i < best.filled; i++) {
        int slot = best.slots[i];
        long id = ids[slot / ROWS_PER_CHUNK][slot % ROWS_PER_CHUNK];
        found.add(new Neighbour(new MemoryId(id), best.scores[i] * query.scale()));
      }
      found.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
      return found;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The best {@code wanted} rows of chunks {@code from} up to {@code to}; under the read lock. */
  private Top scan(byte[] q, int from, int to, int wanted) {
    Top top = new Top(wanted);
    int weakest = 0; // the position in top of the lowest score, once it is full
    for (int chunk = from; chunk < to; chunk++) {
      // one chunk's arrays in locals, so the inner loops index plain arrays
      byte[] chunkValues = values[chunk];
      float[] chunkScales = scales[chunk];
      int first = chunk * ROWS_PER_CHUNK;
      int rows = Math.min(ROWS_PER_CHUNK, size - first);
      for (int row = 0; row < rows; row++) {
        float score = dot(q, chunkValues, row * dimensions) * chunkScales[row];
        if (top.filled < wanted) {
          top.scores[top.filled] = score;
          top.slots[top.filled++] = first + row;
          if (top.filled == wanted) {
            weakest = lowest(top.scores);
          }
        } else if (score > top.scores[weakest]) {
          top.scores[weakest] = score;
          top.slots[weakest] = first + row;
          weakest = lowest(top.scores);
        }
      }
    }
    return top;
  }

  /** The best rows a scan found: scores and slots, in no order. */
  private static final class Top {
    final float[] scores;
    final int[] slots;
    int filled;

    Top(int wanted) {
      scores = new float[wanted];
      slots = new int[wanted];
    }

    /** The best {@code wanted} of both; of equal scores, the lower slot, as one scan keeps. */
    Top with(Top other, int wanted) {
      Integer[] order = new Integer[filled + other.filled];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> {
        int byScore = Float.compare(scoreAt(other, b), scoreAt(other, a));
        return byScore != 0 ? byScore : Integer.compare(slotAt(other, a), slotAt(other, b));
      });
      Top merged = new Top(wanted);
      for (int i = 0; i < Math.min(wanted, order.length); i++) {
        merged.scores[i] = scoreAt(other, order[i]);
        merged.slots[i] = slotAt(other, order[i]);
        merged.filled++;
      }
      return merged;
    }

    private float scoreAt(Top other, int i) {
      return i < filled ? scores[i] : other.scores[i - filled];
    }

    private int slotAt(Top other, int i) {
      return i < filled ? slots[i] : other.slots[i - filled];
    }
  }

  /**
   * The dot product of the query's bytes with one row's, unrolled by hand into four sums: the
   * server's JIT (C1 only) neither unrolls nor vectorizes a loop, and checks every array index, so
   * eight products a pass with four sums take about a quarter less time than one a pass.
   */
  private int dot(byte[] q, byte[] values, int offset) {
    int sum0 = 0;
    int sum1 = 0;
    int sum2 = 0;
    int sum3 = 0;
    int i = 0;
    for (int whole = dimensions & ~7; i < whole; i += 8) {
      int at = offset + i;
      sum0 += q[i] * values[at] + q[i + 4] * values[at + 4];
      sum1 += q[i + 1] * values[at + 1] + q[i + 5] * values[at + 5];
      sum2 += q[i + 2] * values[at + 2] + q[i + 6] * values[at + 6];
      sum3 += q[i + 3] * values[at + 3] + q[i + 7] * values[at + 7];
    }
    for (; i < dimensions; i++) {
      sum0 += q[i] * values[offset + i];
    }
    return sum0 + sum1 + sum2 + sum3;
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
