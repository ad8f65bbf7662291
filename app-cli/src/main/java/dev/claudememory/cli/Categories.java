package dev.claudememory.cli;

import dev.claudememory.core.memory.Category;
import java.util.Iterator;

/** The category names, for help texts and shell completion. */
final class Categories implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Category.KNOWN.iterator();
  }
}
