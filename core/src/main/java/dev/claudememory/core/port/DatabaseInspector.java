package dev.claudememory.core.port;

import dev.claudememory.core.maintenance.DatabaseInspection;
import java.nio.file.Path;

/**
 * Looks at a database file for {@code doctor}: integrity, full-text index, schema, memories with
 * the same content, sync queue and lease. Never creates, migrates or repairs the file, and opens a damaged or foreign file, if at
 * all, read-only. May run while other processes use the database.
 */
public interface DatabaseInspector {

  /** What the file holds, or why it cannot be used; never throws for a bad file. */
  DatabaseInspection inspect(Path file);
}
