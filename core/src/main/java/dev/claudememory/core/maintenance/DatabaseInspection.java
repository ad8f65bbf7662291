package dev.claudememory.core.maintenance;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What looking at the database file, without changing it, found. */
public sealed interface DatabaseInspection {

  /** There is no file: it is created on first use. */
  record Missing() implements DatabaseInspection {}

  /** The file exists but holds no tables yet (a new, empty database). */
  record Empty() implements DatabaseInspection {}

  /** The file cannot be used as a database: not SQLite, a folder, unreadable. */
  record Unreadable(String reason) implements DatabaseInspection {
    public Unreadable {
      requireNonNull(reason, "reason");
    }
  }

  /** SQLite's integrity check found damage (its first messages). */
  record Damaged(List<String> problems) implements DatabaseInspection {
    public Damaged {
      problems = List.copyOf(problems);
    }
  }

  /** The file is a sound database; what it holds. */
  record Readable(DatabaseFacts facts) implements DatabaseInspection {
    public Readable {
      requireNonNull(facts, "facts");
    }
  }
}
