package dev.claudememory.core.maintenance;

import java.util.List;

/**
 * The database's migrations compared with this version's.
 *
 * @param applied versions applied successfully, oldest first
 * @param pending versions this version has that the database lacks
 * @param failed versions whose migration failed part-way
 * @param unknown versions applied by a newer version of claude-memory
 * @param hasHistory whether the file has a migration history at all (a Python-version file has
 *     none)
 */
public record SchemaVersions(
    List<String> applied,
    List<String> pending,
    List<String> failed,
    List<String> unknown,
    boolean hasHistory) {
  public SchemaVersions {
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
    failed = List.copyOf(failed);
    unknown = List.copyOf(unknown);
  }
}
