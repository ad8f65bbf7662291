package dev.claudememory.core.transfer;

/** Told how far an import has got, after each committed batch, on the importing thread. */
@FunctionalInterface
public interface ImportProgress {
  ImportProgress NONE = (done, total) -> {};

  /** {@code done} of {@code total} records are imported or skipped. */
  void advanced(int done, int total);
}
