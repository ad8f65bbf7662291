package dev.claudememory.core.recall;

/**
 * Which row of {@link VectorIndex} holds a memory's vector: an open-addressed table of plain
 * {@code long} keys and {@code int} rows, 12 bytes an entry at most twice over, where a {@code
 * HashMap<Long, Integer>} costs about 70 bytes an entry (3 MB instead of 7 MB at 100,000
 * memories). Not thread-safe: the index guards it.
 */
final class SlotTable {
  private static final int ABSENT = -1;
  private long[] keys;
  // row + 1, so that 0 marks an empty place
  private int[] rows;
  private int size;

  SlotTable() {
    keys = new long[16];
    rows = new int[16];
  }

  /** The row of the key, or -1 when it has none. */
  int get(long key) {
    int mask = keys.length - 1;
    for (int place = hash(key) & mask; rows[place] != 0; place = (place + 1) & mask) {
      if (keys[place] == key) {
        return rows[place] - 1;
      }
    }
    return ABSENT;
  }

  void put(long key, int row) {
    if (row < 0) {
      throw new IllegalArgumentException("a row is never negative: " + row);
    }
    int mask = keys.length - 1;
    int place = hash(key) & mask;
    while (rows[place] != 0 && keys[place] != key) {
      place = (place + 1) & mask;
    }
    if (rows[place] == 0) {
      size++;
    }
    keys[place] = key;
    rows[place] = row + 1;
    if (size * 4 > keys.length * 3) {
      rehash(keys.length * 2);
    }
  }

  /** Forgets the key; its row, or -1 when it had none. */
  int remove(long key) {
    int mask = keys.length - 1;
    int place = hash(key) & mask;
    while (rows[place] != 0 && keys[place] != key) {
      place = (place + 1) & mask;
    }
    if (rows[place] == 0) {
      return ABSENT;
    }
    int removed = rows[place] - 1;
    size--;
    // moves back the entries after it that would no longer be reached past the new gap
    int gap = place;
    for (int next = (gap + 1) & mask; rows[next] != 0; next = (next + 1) & mask) {
      int home = hash(keys[next]) & mask;
      if (((next - home) & mask) >= ((next - gap) & mask)) {
        keys[gap] = keys[next];
        rows[gap] = rows[next];
        gap = next;
      }
    }
    rows[gap] = 0;
    return removed;
  }

  int size() {
    return size;
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    int[] oldRows = rows;
    keys = new long[capacity];
    rows = new int[capacity];
    int mask = capacity - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldRows[i] != 0) {
        int place = hash(oldKeys[i]) & mask;
        while (rows[place] != 0) {
          place = (place + 1) & mask;
        }
        keys[place] = oldKeys[i];
        rows[place] = oldRows[i];
      }
    }
  }

  /** Memory ids are mostly consecutive: mixed, so that they spread over the table. */
  private static int hash(long key) {
    long mixed = key * 0x9E37_79B9_7F4A_7C15L;
    return (int) (mixed ^ (mixed >>> 32));
  }
}
