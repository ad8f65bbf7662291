package dev.claudememory.core.port;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.recall.SortBy;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The local database of memories.
 *
 * <p>Thread safety: every method may be called from any thread. Writes are serialized (one writer
 * per process) and each runs as one transaction that also excludes writers in other processes;
 * reads never wait behind a write.
 *
 * <p>Failures of the database itself (disk full, corrupt file, locked beyond retries) surface as
 * {@link dev.claudememory.core.StorageException}.
 */
public interface MemoryStore extends AutoCloseable {

  /**
   * Runs {@code work} in one write transaction, committed when it returns and rolled back when it
   * throws; the work's unchecked exception then reaches the caller unchanged (an {@link
   * dev.claudememory.core.InvalidInputException} stays one). The work may be run again when another
   * process held the database; it must not have effects outside the transaction, nor use the
   * writer after it returns.
   */
  <T> T write(Function<MemoryWriter, T> work);

  /**
   * Runs {@code work} against one consistent snapshot of the database, without waiting for
   * writers; the work must only read (writing through the given writer fails).
   */
  <T> T read(Function<MemoryWriter, T> work);

  /** The memory with this local id, sensitive or not. */
  Optional<Memory> find(MemoryId id);

  /**
   * Memories matching an FTS5 query, best first by {@code sortBy}. A sensitive memory matches by
   * its category, tags and expanded keywords only, never by a word of its content, and its content
   * adds nothing to its score: a search cannot tell what a secret says.
   *
   * @param ftsQuery a query built by {@link dev.claudememory.core.recall.SearchTerms}
   * @param category when present, only memories of this category
   */
  List<Memory> search(String ftsQuery, Optional<Category> category, SortBy sortBy, int limit);

  /**
   * Memories whose content, tags or keywords contain any of these fragments, as written (no
   * pattern, no case folding), never sensitive ones. Relevance is how many of the fragments a
   * memory contains, each counted once; {@code sortBy} blends it with importance as it blends
   * bm25 ({@code hits*w1 + importance*w2}), memories of equal score newest first; recency is
   * newest first. For text in scripts written without spaces, where a word is not a token of the
   * full-text index: every memory's text is read, so the cost grows with the table.
   *
   * @param fragments from {@link dev.claudememory.core.recall.SearchTerms#fragments()}; empty
   *     ones are ignored, and none finds nothing
   * @param category when present, only memories of this category
   */
  List<Memory> searchFragments(
      List<String> fragments, Optional<Category> category, SortBy sortBy, int limit);

  /** The newest memories first (by {@code created_at}), sensitive ones included. */
  List<Memory> recent(Optional<Category> category, int limit);

  /** How many memories there are, in all and per category, sensitive ones included. */
  MemoryCounts counts();

  /**
   * Memories that say the same thing, for {@code doctor}: see {@link
   * MemoryWriter#nearDuplicates}. Reads one snapshot; cheap (it groups an index).
   *
   * @param maxGroups how many groups to return at most, positive
   */
  default List<DuplicateGroup> nearDuplicates(int maxGroups) {
    return read(reader -> reader.nearDuplicates(maxGroups));
  }

  /** Closes the database; further calls fail. */
  @Override
  void close();
}
