package dev.claudememory.core.maintenance;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.maintenance.DatabaseFacts.DuplicateFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.LeaseFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.OutboxFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.ParkedChange;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.DuplicateGroup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Explains an inspected database as {@code doctor} lines: the file, the full-text index, the
 * schema, memories with the same content, the sync queue and the sync lease, each with what to do.
 */
public final class DatabaseChecks {
  static final String DATABASE = "database";
  static final String FTS = "full-text index";
  static final String SCHEMA = "schema";
  static final String DUPLICATES = "duplicates";
  static final String QUEUE = "sync queue";
  static final String LEASE = "sync lease";
  static final String SERVER_DATA = "memory API data";
  private static final int SHOWN = 3;
  /** Ids shown of one group of duplicates: a long group would make the line unreadable. */
  private static final int IDS_SHOWN = 4;
  private static final Pattern PID = Pattern.compile("^pid (\\d{1,18})\\b");

  private final Path file;
  private final Path backups;
  private final boolean syncConfigured;
  private final Clock clock;
  private final LongPredicate processRunning;

  /**
   * @param file the database file, named in the lines
   * @param backups the backups folder, named in the advice
   * @param syncConfigured whether an API key is set, so that queued changes are pushed
   * @param clock tells whether the lease has expired
   * @param processRunning whether a process id on this machine is running
   */
  public DatabaseChecks(
      Path file, Path backups, boolean syncConfigured, Clock clock, LongPredicate processRunning) {
    this.file = requireNonNull(file, "file");
    this.backups = requireNonNull(backups, "backups");
    this.syncConfigured = syncConfigured;
    this.clock = requireNonNull(clock, "clock");
    this.processRunning = requireNonNull(processRunning, "processRunning");
  }

  public List<Check> explain(DatabaseInspection inspection) {
    requireNonNull(inspection, "inspection");
    if (inspection instanceof DatabaseInspection.Missing) {
      return List.of(
          Check.warn(
              DATABASE,
              "there is no database at " + file + " yet",
              "nothing to do: it is created on first use (a store, or the MCP server's start)"));
    }
    if (inspection instanceof DatabaseInspection.Empty) {
      return List.of(
          Check.warn(
              DATABASE,
              file + " is empty (a new database)",
              "nothing to do: its tables are created on first use"));
    }
    if (inspection instanceof DatabaseInspection.Unreadable) {
      return List.of(
          Check.fail(
              DATABASE,
              file + ": " + ((DatabaseInspection.Unreadable) inspection).reason(),
              "the file was left as it is; restore a backup (claude-memory restore FILE, backups"
                  + " are in "
                  + backups
                  + "), or move the file away to start a new database"));
    }
    if (inspection instanceof DatabaseInspection.Damaged) {
      List<String> problems = ((DatabaseInspection.Damaged) inspection).problems();
      return List.of(
          Check.fail(
              DATABASE,
              file + " failed SQLite's integrity check: " + firstFew(problems),
              "restore a backup: claude-memory restore FILE (backups are in "
                  + backups
                  + "); the damaged file is kept there too"));
    }
    if (inspection instanceof DatabaseInspection.Readable) {
      DatabaseFacts facts = ((DatabaseInspection.Readable) inspection).facts();
      List<Check> checks = new ArrayList<>();
      checks.add(
          Check.ok(
              DATABASE,
              file + ": integrity check passed; " + count(facts.memories(), "memory", "memories")));
      checks.add(fts(facts));
      checks.add(schema(facts.schema()));
      // not looked for in a file without content keys: its schema line already says it is old
      facts.duplicates().map(DatabaseChecks::duplicates).ifPresent(checks::add);
      checks.add(queue(facts));
      facts.serverLostData().ifPresent(notice -> checks.add(Check.warn(
          SERVER_DATA, notice.describe(),
          "nothing to do here: no memory of this database was lost; if other machines or people"
              + " use that API, the server's own backups may be worth a look")));
      checks.add(lease(facts));
      return checks;
    }
    throw new AssertionError(inspection);
  }

  private Check fts(DatabaseFacts facts) {
    if (!facts.fts().present()) {
      if (!facts.schema().pending().isEmpty()) {
        return Check.warn(
            FTS,
            "not built yet, so recall cannot find memories",
            "nothing to do: the pending migrations build it at the next start");
      }
      return Check.fail(
          FTS,
          "memories_fts is missing, so recall finds nothing",
          "restore a backup: claude-memory restore FILE (backups are in " + backups + ")");
    }
    if (facts.fts().notChecked().isPresent()) {
      return Check.warn(
          FTS,
          "not checked: " + facts.fts().notChecked().get(),
          "make the database writable (see the lines above), then run doctor again");
    }
    if (facts.fts().problem().isPresent()) {
      return Check.fail(
          FTS,
          "does not match the memories ("
              + facts.fts().problem().get()
              + "), so recall misses memories",
          "with no server running, rebuild it: sqlite3 "
              + file
              + " \"INSERT INTO memories_fts(memories_fts) VALUES('rebuild')\"; or restore a"
              + " backup");
    }
    return Check.ok(FTS, "in step with the memories");
  }

  private Check schema(SchemaVersions schema) {
    if (!schema.failed().isEmpty()) {
      return Check.fail(
          SCHEMA,
          "migration " + String.join(", ", schema.failed()) + " failed part-way",
          "restore the newest pre-migration backup from "
              + backups
              + " with claude-memory restore FILE");
    }
    if (!schema.pending().isEmpty()) {
      String shape =
          schema.hasHistory() ? "version " + current(schema) : "a database of the Python version";
      return Check.warn(
          SCHEMA,
          shape + "; migration " + String.join(", ", schema.pending()) + " pending",
          "nothing to do: the next start applies them (adding tables and columns only) after a"
              + " backup to "
              + backups);
    }
    if (!schema.unknown().isEmpty()) {
      return Check.warn(
          SCHEMA,
          "version "
              + current(schema)
              + ", written by a newer claude-memory (migration "
              + String.join(", ", schema.unknown())
              + " is unknown here)",
          "update claude-memory; this version keeps working with the tables it knows");
    }
    return Check.ok(SCHEMA, "version " + current(schema) + ", up to date");
  }

  private static String current(SchemaVersions schema) {
    List<String> applied = schema.applied();
    return applied.isEmpty() ? "0" : applied.get(applied.size() - 1);
  }

  /** Names the memories by id only: a doctor report may be shared, and content is private. */
  private static Check duplicates(DuplicateFacts duplicates) {
    List<DuplicateGroup> groups = duplicates.groups();
    if (groups.isEmpty()) {
      return Check.ok(DUPLICATES, "no memories with the same content");
    }
    String howMany =
        duplicates.more()
            ? "more than " + groups.size() + " groups"
            : count(groups.size(), "group", "groups");
    boolean allShown = !duplicates.more() && groups.size() <= SHOWN;
    return Check.warn(
        DUPLICATES,
        howMany
            + " of memories with the same content"
            + (allShown ? ": " : ", e.g. ")
            + groups.stream()
                .limit(SHOWN)
                .map(DatabaseChecks::describe)
                .collect(Collectors.joining(", ")),
        "keep one of each: claude-memory delete <id>");
  }

  private static String describe(DuplicateGroup group) {
    String shown =
        group.ids().stream()
            .limit(IDS_SHOWN)
            .map(id -> "#" + id)
            .collect(Collectors.joining(" = "));
    int hidden = group.ids().size() - IDS_SHOWN;
    return hidden > 0 ? shown + " and " + hidden + " more" : shown;
  }

  private Check queue(DatabaseFacts facts) {
    String python =
        facts.pythonQueue() == 0
            ? ""
            : "; "
                + count(facts.pythonQueue(), "change", "changes")
                + " queued by the Python version, taken over at the next sync";
    if (facts.outbox().isEmpty()) {
      return Check.ok(QUEUE, "no sync tables yet" + python);
    }
    OutboxFacts outbox = facts.outbox().get();
    String queued = queued(outbox.queued()) + python;
    if (!outbox.parked().isEmpty()) {
      return Check.warn(
          QUEUE,
          queued
              + "; "
              + outbox.parked().size()
              + " refused by the server for good: "
              + firstFew(
                  outbox.parked().stream()
                      .map(DatabaseChecks::describe)
                      .collect(Collectors.toList())),
          "see them with claude-memory sync dead-letter list, then retry or discard each one;"
              + " they are kept until you do");
    }
    return Check.ok(QUEUE, queued);
  }

  private String queued(long count) {
    if (count == 0) {
      return "no changes waiting to be pushed";
    }
    return count(count, "change", "changes")
        + " waiting to be pushed"
        + (syncConfigured ? "" : " once MEMORY_API_KEY is set");
  }

  private static String count(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }

  private static String describe(ParkedChange change) {
    return "op "
        + change.opId()
        + " ("
        + change.kind()
        + change.memoryId().map(id -> " of memory #" + id).orElse("")
        + "): "
        + change.reason();
  }

  private Check lease(DatabaseFacts facts) {
    if (facts.lease().isEmpty()) {
      return Check.ok(LEASE, "free: no process is syncing this database");
    }
    LeaseFacts lease = facts.lease().get();
    Instant now = clock.instant();
    boolean expired =
        Timestamps.parse(lease.expiresAt()).map(expiry -> !expiry.isAfter(now)).orElse(true);
    if (expired) {
      return Check.ok(
          LEASE, "free: last held by " + lease.holder() + " until " + lease.expiresAt());
    }
    OptionalLong pid = pidOf(lease.holder());
    if (pid.isEmpty()) {
      return Check.ok(LEASE, "held by " + lease.holder() + " until " + lease.expiresAt());
    }
    if (processRunning.test(pid.getAsLong())) {
      return Check.ok(LEASE, "held by " + lease.holder() + " (running) until " + lease.expiresAt());
    }
    return Check.warn(
        LEASE,
        "held by " + lease.holder() + ", which is no longer running",
        "nothing to do: the lease expires at "
            + lease.expiresAt()
            + ", then the next process syncs");
  }

  private static OptionalLong pidOf(String holder) {
    Matcher matcher = PID.matcher(holder);
    return matcher.find()
        ? OptionalLong.of(Long.parseLong(matcher.group(1)))
        : OptionalLong.empty();
  }

  private static String firstFew(List<String> items) {
    String shown = items.stream().limit(SHOWN).collect(Collectors.joining("; "));
    return items.size() > SHOWN ? shown + "; and " + (items.size() - SHOWN) + " more" : shown;
  }
}
