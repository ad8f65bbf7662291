package dev.claudememory.core.recall;

import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.QuantizedVector;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Run in a JVM of its own with the server's heap flags: fills an index with {@code args[0]}
 * vectors of {@code args[1]} dimensions, one at a time as the server reads them, searches it once,
 * and prints the heap it holds after a full collection, in bytes. Runs out of heap (and exits
 * non-zero) if the index cannot hold them.
 */
final class VectorIndexFill {
  private VectorIndexFill() {}

  public static void main(String[] args) {
    int count = Integer.parseInt(args[0]);
    int dimensions = Integer.parseInt(args[1]);
    Random random = new Random(Long.parseLong(args[2]));
    VectorIndex index = new VectorIndex(dimensions);
    float[] vector = new float[dimensions];
    for (int id = 1; id <= count; id++) {
      for (int i = 0; i < dimensions; i++) {
        vector[i] = (float) random.nextGaussian();
      }
      index.put(new MemoryId(id), QuantizedVector.of(vector));
    }
    if (index.nearest(QuantizedVector.of(vector), 10).size() != 10 || index.size() != count) {
      throw new IllegalStateException("the index lost vectors: " + index.size() + " of " + count);
    }
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.println(used);
    // the index must still be reachable when the heap is measured
    System.out.println(index.size());
  }
}
