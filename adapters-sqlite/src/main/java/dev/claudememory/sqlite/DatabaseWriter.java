package dev.claudememory.sqlite;

import java.util.function.Function;

/** Where a database's writes go: its one serialized writer, or a refusal when it is read-only. */
interface DatabaseWriter extends AutoCloseable {
  /**
   * Runs {@code work} in one write transaction and returns its result, committed by then; see
   * {@link SqliteDatabase#write}.
   */
  <T> T write(Function<Session, T> work);

  /** Finishes queued writes, then stops; later writes fail. Idempotent. */
  @Override
  void close();
}
