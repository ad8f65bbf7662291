package dev.claudememory.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.maintenance.DatabaseFacts.DuplicateFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.FtsIndex;
import dev.claudememory.core.maintenance.DatabaseFacts.LeaseFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.OutboxFacts;
import dev.claudememory.core.maintenance.DatabaseFacts.ParkedChange;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.port.DuplicateGroup;
import dev.claudememory.core.sync.ServerDataLoss;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

final class DatabaseChecksTest {
  private static final Path FILE = Path.of("/home/ada/.claude/claude-memory/memory/memory.db");
  private static final Path BACKUPS = Path.of("/home/ada/.claude/claude-memory/backups");
  private static final Instant NOW = Instant.parse("2026-01-24T12:00:00Z");
  private static final SchemaVersions CURRENT =
      new SchemaVersions(List.of("1", "2", "3"), List.of(), List.of(), List.of(), true);
  private static final FtsIndex SOUND_INDEX = new FtsIndex(true, Optional.empty());
  private static final OutboxFacts EMPTY_OUTBOX = new OutboxFacts(0, List.of());

  private final SettableClock clock = new SettableClock(NOW);

  private List<Check> explain(DatabaseInspection inspection, LongPredicate running) {
    return new DatabaseChecks(FILE, BACKUPS, true, clock, running).explain(inspection);
  }

  private List<Check> explain(DatabaseFacts facts) {
    return explain(new DatabaseInspection.Readable(facts), pid -> false);
  }

  private static DatabaseFacts facts(
      FtsIndex fts,
      SchemaVersions schema,
      Optional<OutboxFacts> outbox,
      Optional<LeaseFacts> lease) {
    return new DatabaseFacts(
        42, fts, schema, outbox, 0, lease, Optional.of(DuplicateFacts.none()));
  }

  private static DatabaseFacts withDuplicates(Optional<DuplicateFacts> duplicates) {
    return new DatabaseFacts(
        42, SOUND_INDEX, CURRENT, Optional.of(EMPTY_OUTBOX), 0, Optional.empty(), duplicates);
  }

  private static DuplicateGroup group(long... ids) {
    return new DuplicateGroup(LongStream.of(ids).mapToObj(MemoryId::new).toList());
  }

  private static Check named(List<Check> checks, String name) {
    return checks.stream().filter(check -> check.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aSoundUpToDateDatabaseIsOkOnEveryLine() {
    List<Check> checks =
        explain(facts(SOUND_INDEX, CURRENT, Optional.of(EMPTY_OUTBOX), Optional.empty()));

    assertThat(checks).extracting(Check::status).containsOnly(CheckStatus.OK);
    assertThat(checks)
        .extracting(Check::name)
        .containsExactly(
            DatabaseChecks.DATABASE,
            DatabaseChecks.FTS,
            DatabaseChecks.SCHEMA,
            DatabaseChecks.DUPLICATES,
            DatabaseChecks.QUEUE,
            DatabaseChecks.LEASE);
    assertThat(named(checks, DatabaseChecks.DATABASE).detail())
        .contains(FILE.toString())
        .contains("42 memories");
    assertThat(named(checks, DatabaseChecks.SCHEMA).detail()).isEqualTo("version 3, up to date");
    assertThat(named(checks, DatabaseChecks.DUPLICATES).detail())
        .isEqualTo("no memories with the same content");
  }

  @Test
  void aMemoryApiThatLostDataWarnsWithHowManyMemoriesWereSentAgain() {
    DatabaseFacts facts =
        new DatabaseFacts(
            42, SOUND_INDEX, CURRENT, Optional.of(EMPTY_OUTBOX), 0, Optional.empty(),
            Optional.of(DuplicateFacts.none()),
            Optional.of(new ServerDataLoss("2026-12-07T10:00:00.000000+00:00", 3)));

    Check check = named(explain(facts), DatabaseChecks.SERVER_DATA);

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail())
        .contains("no longer held memories it had confirmed")
        .contains("2026-12-07T10:00:00.000000+00:00")
        .contains("3 memories were sent to it again");
    assertThat(named(explain(facts(SOUND_INDEX, CURRENT, Optional.of(EMPTY_OUTBOX), Optional.empty())),
        DatabaseChecks.QUEUE).status()).isEqualTo(CheckStatus.OK);
  }

  @Test
  void memoriesWithTheSameContentWarnByIdWithHowToKeepOne() {
    Check check =
        named(
            explain(
                withDuplicates(
                    Optional.of(
                        new DuplicateFacts(List.of(group(4, 19), group(7, 8, 31)), false)))),
            DatabaseChecks.DUPLICATES);

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail())
        .isEqualTo("2 groups of memories with the same content: #4 = #19, #7 = #8 = #31");
    assertThat(check.advice()).contains("keep one of each: claude-memory delete <id>");
  }

  @Test
  void manyDuplicatesShowOnlyTheFirstGroupsAndIds() {
    DuplicateFacts many =
        new DuplicateFacts(
            List.of(
                group(1, 2, 3, 5, 8, 13, 21),
                group(4, 6),
                group(7, 9),
                group(10, 11),
                group(12, 14)),
            true);

    Check check = named(explain(withDuplicates(Optional.of(many))), DatabaseChecks.DUPLICATES);

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail())
        .isEqualTo(
            "more than 5 groups of memories with the same content, e.g. #1 = #2 = #3 = #5 and 3"
                + " more, #4 = #6, #7 = #9");
  }

  @Test
  void duplicatesAreNotReportedForAFileWithoutContentKeys() {
    List<Check> checks = explain(withDuplicates(Optional.empty()));

    assertThat(checks).extracting(Check::name).doesNotContain(DatabaseChecks.DUPLICATES);
  }

  @Test
  void aMissingDatabaseWarnsThatItIsCreatedOnFirstUse() {
    Check check = explain(new DatabaseInspection.Missing(), pid -> false).get(0);

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail()).contains(FILE.toString());
    assertThat(check.advice()).get().asString().contains("created on first use");
  }

  @Test
  void anUnreadableFileFailsNamingTheFileAndTheBackups() {
    List<Check> checks =
        explain(new DatabaseInspection.Unreadable("is not an SQLite database"), pid -> false);

    assertThat(checks).hasSize(1);
    assertThat(checks.get(0).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(checks.get(0).detail()).isEqualTo(FILE + ": is not an SQLite database");
    assertThat(checks.get(0).advice())
        .get()
        .asString()
        .contains("claude-memory restore")
        .contains(BACKUPS.toString());
  }

  @Test
  void aDamagedDatabaseFailsWithTheFirstProblemsOnly() {
    List<String> problems =
        List.of(
            "page 3 is never used",
            "page 4 is never used",
            "row 7 missing",
            "row 8 missing",
            "row 9 missing");

    Check check = explain(new DatabaseInspection.Damaged(problems), pid -> false).get(0);

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.detail())
        .contains("page 3 is never used; page 4 is never used; row 7 missing; and 2 more");
  }

  @Test
  void anFtsIndexOutOfStepFailsWithHowToRebuildIt() {
    Check check =
        named(
            explain(
                facts(
                    new FtsIndex(true, Optional.of("database disk image is malformed")),
                    CURRENT,
                    Optional.of(EMPTY_OUTBOX),
                    Optional.empty())),
            DatabaseChecks.FTS);

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.advice()).get().asString().contains("VALUES('rebuild')");
  }

  @Test
  void aPythonVersionDatabaseWarnsThatMigrationsArePendingAndAreBackedUpFirst() {
    SchemaVersions python =
        new SchemaVersions(List.of(), List.of("1", "2", "3"), List.of(), List.of(), false);

    List<Check> checks =
        explain(
            facts(
                new FtsIndex(false, Optional.empty()), python, Optional.empty(), Optional.empty()));

    Check schema = named(checks, DatabaseChecks.SCHEMA);
    assertThat(schema.status()).isEqualTo(CheckStatus.WARN);
    assertThat(schema.detail())
        .isEqualTo("a database of the Python version; migration 1, 2, 3 pending");
    assertThat(schema.advice()).get().asString().contains(BACKUPS.toString());
    assertThat(named(checks, DatabaseChecks.FTS).status()).isEqualTo(CheckStatus.WARN);
    assertThat(named(checks, DatabaseChecks.QUEUE).status()).isEqualTo(CheckStatus.OK);
  }

  @Test
  void aMissingFtsIndexWithNothingPendingFails() {
    Check check =
        named(
            explain(
                facts(
                    new FtsIndex(false, Optional.empty()),
                    CURRENT,
                    Optional.of(EMPTY_OUTBOX),
                    Optional.empty())),
            DatabaseChecks.FTS);

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void aFailedMigrationFailsPointingAtThePreMigrationBackups() {
    SchemaVersions failed =
        new SchemaVersions(List.of("1", "2"), List.of("3"), List.of("3"), List.of(), true);

    Check check =
        named(
            explain(facts(SOUND_INDEX, failed, Optional.empty(), Optional.empty())),
            DatabaseChecks.SCHEMA);

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.detail()).contains("migration 3 failed");
    assertThat(check.advice())
        .get()
        .asString()
        .contains("pre-migration")
        .contains(BACKUPS.toString());
  }

  @Test
  void migrationsFromANewerVersionWarn() {
    SchemaVersions newer =
        new SchemaVersions(List.of("1", "2", "3", "4"), List.of(), List.of(), List.of("4"), true);

    Check check =
        named(
            explain(facts(SOUND_INDEX, newer, Optional.of(EMPTY_OUTBOX), Optional.empty())),
            DatabaseChecks.SCHEMA);

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail()).contains("version 4").contains("newer");
  }

  @Test
  void parkedChangesWarnWithTheirReasons() {
    OutboxFacts outbox =
        new OutboxFacts(
            2,
            List.of(
                new ParkedChange(7, "create", Optional.of(12L), "422 category: unknown"),
                new ParkedChange(9, "delete", Optional.empty(), "400 bad id")));

    Check check =
        named(
            explain(facts(SOUND_INDEX, CURRENT, Optional.of(outbox), Optional.empty())),
            DatabaseChecks.QUEUE);

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail())
        .contains("2 changes waiting to be pushed")
        .contains("2 refused by the server for good")
        .contains("op 7 (create of memory #12): 422 category: unknown")
        .contains("op 9 (delete): 400 bad id");
    assertThat(check.advice()).get().asString().contains("claude-memory sync dead-letter list");
  }

  @Test
  void queuedChangesWithoutAnApiKeyWaitForOne() {
    DatabaseFacts facts =
        facts(SOUND_INDEX, CURRENT, Optional.of(new OutboxFacts(3, List.of())), Optional.empty());

    Check check =
        named(
            new DatabaseChecks(FILE, BACKUPS, false, clock, pid -> false)
                .explain(new DatabaseInspection.Readable(facts)),
            DatabaseChecks.QUEUE);

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail())
        .isEqualTo("3 changes waiting to be pushed once MEMORY_API_KEY is set");
  }

  @Test
  void aLeaseOfARunningProcessIsOk() {
    DatabaseFacts facts =
        facts(
            SOUND_INDEX,
            CURRENT,
            Optional.of(EMPTY_OUTBOX),
            Optional.of(new LeaseFacts("pid 4242 2b1f", "2026-01-24T12:00:30.000000+00:00")));

    Check check =
        named(
            explain(new DatabaseInspection.Readable(facts), pid -> pid == 4242),
            DatabaseChecks.LEASE);

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail()).contains("pid 4242").contains("running");
  }

  @Test
  void aLeaseOfAProcessThatEndedWarnsUntilItExpires() {
    DatabaseFacts facts =
        facts(
            SOUND_INDEX,
            CURRENT,
            Optional.of(EMPTY_OUTBOX),
            Optional.of(new LeaseFacts("pid 4242 2b1f", "2026-01-24T12:00:30.000000+00:00")));

    Check check =
        named(explain(new DatabaseInspection.Readable(facts), pid -> false), DatabaseChecks.LEASE);

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail()).contains("no longer running");
    assertThat(check.advice()).get().asString().contains("2026-01-24T12:00:30.000000+00:00");
  }

  @Test
  void anExpiredLeaseIsFreeWhoeverHeldIt() {
    DatabaseFacts facts =
        facts(
            SOUND_INDEX,
            CURRENT,
            Optional.of(EMPTY_OUTBOX),
            Optional.of(new LeaseFacts("pid 4242 2b1f", "2026-01-24T11:59:59.000000+00:00")));

    Check check =
        named(explain(new DatabaseInspection.Readable(facts), pid -> false), DatabaseChecks.LEASE);

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail()).startsWith("free");
  }
}
