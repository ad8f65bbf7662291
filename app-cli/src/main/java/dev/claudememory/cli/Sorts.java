package dev.claudememory.cli;

import dev.claudememory.core.recall.SortBy;
import java.util.Arrays;
import java.util.Iterator;

/** The orders recall takes, for help texts and shell completion. */
final class Sorts implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(SortBy.values()).map(SortBy::wireName).iterator();
  }
}
