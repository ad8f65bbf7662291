package dev.claudememory.core.maintenance;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/** How a restore ended. The database is changed only when it ended {@link Restored}. */
public sealed interface RestoreResult {

  /**
   * The backup replaced the database.
   *
   * @param database the database file, now holding the backup's content
   * @param memories how many memories it holds
   * @param previous where the replaced database was kept; empty when there was none
   */
  record Restored(Path database, long memories, Optional<Path> previous) implements RestoreResult {
    public Restored {
      requireNonNull(database, "database");
      requireNonNull(previous, "previous");
    }
  }

  /** The backup cannot be restored (missing, not a database, damaged, not a memory database). */
  record Unusable(String reason) implements RestoreResult {
    public Unusable {
      requireNonNull(reason, "reason");
    }
  }

  /** Another process has the database open; nothing was changed. */
  record InUse(String reason) implements RestoreResult {
    public InUse {
      requireNonNull(reason, "reason");
    }
  }
}
