package dev.claudememory.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.StorageException;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi;
import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.sync.Backoff;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SyncEngine;
import dev.claudememory.core.sync.SyncOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class MemoryTransferTest {
  private static final Instant T0 = Instant.parse("2026-11-24T21:47:33.680389Z");
  private static final String WRITTEN = "2025-02-03T04:05:06.123456+00:00";
  private static final String EDITED = "2025-06-07T08:09:10.654321+00:00";

  private final SettableClock clock = new SettableClock(T0);
  private final AtomicInteger wakes = new AtomicInteger();
  private final InMemoryMemoryStore store = new InMemoryMemoryStore();
  private final MemoryTransfer transfer = new MemoryTransfer(store, clock, wakes::incrementAndGet);

  private static ImportRecord dated(String content, String category, String createdAt) {
    return ImportRecord.of(
        new ImportedMemory(
            new Content(content),
            new Category(category),
            "",
            "",
            Importance.DEFAULT,
            false,
            Optional.of(createdAt),
            Optional.of(createdAt)));
  }

  private static ImportRecord undated(String content, String category) {
    return ImportRecord.of(
        ImportedMemory.of(
            new NewMemory(new Content(content), Category.canonical(category), "", "", Importance.DEFAULT, false)));
  }

  private static Memory row(long id, long serverId, String content, boolean sensitive) {
    return new Memory(
        new MemoryId(id),
        serverId == 0 ? Optional.empty() : Optional.of(new ServerId(serverId)),
        content,
        new Category("Some Server Category"),
        "a,b",
        "kw",
        0.800000011920929,
        sensitive,
        WRITTEN,
        EDITED);
  }

  private static ImportRecord asRecord(Memory memory) {
    return new ImportRecord(
        new ImportedMemory(
            new Content(memory.content()),
            memory.category(),
            memory.tags(),
            memory.expandedKeywords(),
            new Importance(memory.importance()),
            memory.sensitive(),
            Optional.of(memory.createdAt()),
            Optional.of(memory.updatedAt())),
        memory.serverId());
  }

  private List<Memory> rows(MemoryStore from) {
    return from.read(
        reader -> {
          List<Memory> rows = new ArrayList<>(reader.synced());
          rows.addAll(reader.unsynced());
          rows.sort((a, b) -> Long.compare(a.id().value(), b.id().value()));
          return rows;
        });
  }

  private List<PendingOp> ops() {
    return store.read(reader -> reader.outbox().all());
  }

  @Test
  void exportListsEveryMemoryOldestIdFirstAndLeavesOutSensitiveOnesUnlessAsked() {
    store.putRow(row(3, 0, "third", false));
    store.putRow(row(1, 7, "first", false));
    store.putRow(row(2, 0, "db password=hunter2secret", true));

    ExportedMemories withoutSecrets = transfer.export(false);
    ExportedMemories everything = transfer.export(true);

    assertThat(withoutSecrets.memories()).extracting(Memory::content).containsExactly("first", "third");
    assertThat(withoutSecrets.sensitiveLeftOut()).isEqualTo(1);
    assertThat(everything.memories()).extracting(memory -> memory.id().value()).containsExactly(1L, 2L, 3L);
    assertThat(everything.sensitiveLeftOut()).isZero();
    assertThat(everything.exportedAt()).isEqualTo("2026-11-24T21:47:33.680389+00:00");
  }

  @Test
  void anExportImportedIntoAnEmptyStoreGivesTheSameRowsWithoutServerIds() {
    InMemoryMemoryStore source = new InMemoryMemoryStore();
    source.putRow(row(1, 11, "synced caf\u00e9 \uD83D\uDC26", false));
    source.putRow(row(2, 0, "db password=hunter2secret", true));
    source.putRow(row(5, 0, "after a gap", false));
    List<ImportRecord> records =
        new MemoryTransfer(source, clock, () -> {}).export(true).memories().stream()
            .map(MemoryTransferTest::asRecord)
            .collect(Collectors.toList());

    ImportReport report = transfer.importAll(records, ImportProgress.NONE);

    assertThat(report).isEqualTo(new ImportReport(3, 0));
    List<Memory> imported = rows(store);
    List<Memory> original = rows(source);
    assertThat(imported).extracting(Memory::id).containsExactly(new MemoryId(1), new MemoryId(2), new MemoryId(3));
    for (int i = 0; i < original.size(); i++) {
      Memory expected = original.get(i);
      assertThat(imported.get(i))
          .isEqualTo(
              new Memory(imported.get(i).id(), Optional.empty(), expected.content(), expected.category(),
                  expected.tags(), expected.expandedKeywords(), expected.importance(), expected.sensitive(),
                  expected.createdAt(), expected.updatedAt()));
    }
  }

  @Test
  void eachImportedMemoryIsQueuedAsACreateThatFirstLooksForItOnTheServer() {
    transfer.importAll(List.of(dated("written long ago", "facts", WRITTEN), undated("written now", "facts")), ImportProgress.NONE);

    List<Memory> imported = rows(store);
    List<PendingOp> ops = ops();
    assertThat(ops).hasSize(2);
    for (int i = 0; i < 2; i++) {
      PendingOp op = ops.get(i);
      assertThat(op.memoryId()).contains(imported.get(i).id());
      assertThat(op.kind()).isEqualTo(OpKind.CREATE);
      assertThat(op.needsReconciliation()).isTrue();
      assertThat(op.unconfirmedContent()).contains(imported.get(i).content());
      assertThat(op.nextAttemptAt()).isEqualTo(T0);
    }
    assertThat(ops.get(0).createdAt()).isEqualTo(Instant.parse("2025-02-03T04:05:06.123456Z"));
    assertThat(ops.get(1).createdAt()).isEqualTo(T0);
    assertThat(imported.get(1).createdAt()).isEqualTo("2026-11-24T21:47:33.680389+00:00");
  }

  @Test
  void importingTheSameRecordsTwiceAddsNothingTheSecondTime() {
    List<ImportRecord> records =
        List.of(dated("dated", "facts", WRITTEN), undated("undated", "facts"), asRecord(row(9, 44, "synced", false)));

    ImportReport first = transfer.importAll(records, ImportProgress.NONE);
    clock.advance(Duration.ofHours(1));
    ImportReport second = transfer.importAll(records, ImportProgress.NONE);

    assertThat(first).isEqualTo(new ImportReport(3, 0));
    assertThat(second).isEqualTo(new ImportReport(0, 3));
    assertThat(rows(store)).hasSize(3);
    assertThat(ops()).hasSize(3);
  }

  @Test
  void aRecordExportedWithAServerIdALocalRowHasIsAlreadyHere() {
    store.putRow(row(1, 44, "pulled from the server long after it was written", false));
    Memory sameMemoryElsewhere =
        new Memory(new MemoryId(8), Optional.of(new ServerId(44)), "as exported before the pull",
            Category.DEFAULT, "", "", 0.5, false, "2020-01-01T00:00:00.000000+00:00", EDITED);

    ImportReport report = transfer.importAll(List.of(asRecord(sameMemoryElsewhere)), ImportProgress.NONE);

    assertThat(report).isEqualTo(new ImportReport(0, 1));
  }

  @Test
  void aDatedRecordIsHereOnlyWithTheSameContentCategoryAndCreationTime() {
    store.putRow(row(1, 0, "the same words", false));

    ImportReport report =
        transfer.importAll(
            List.of(
                dated("the same words", "Some Server Category", WRITTEN),
                dated("the same words", "Some Server Category", EDITED),
                dated("the same words", "facts", WRITTEN),
                dated("other words", "Some Server Category", WRITTEN)),
            ImportProgress.NONE);

    assertThat(report).isEqualTo(new ImportReport(3, 1));
  }

  @Test
  void anUndatedRecordIsHereWhenAMemorySaysTheSameThingWhateverItsCategory() {
    store.putRow(row(1, 0, "The same words", false));

    ImportReport report =
        transfer.importAll(
            List.of(
                undated("The same words", "facts"),
                undated("  the SAME\twords ", "decisions"),
                undated("other words", "facts"),
                undated("Other  words", "people")),
            ImportProgress.NONE);

    assertThat(report).isEqualTo(new ImportReport(1, 3));
    assertThat(rows(store)).extracting(Memory::content).containsExactly("The same words", "other words");
  }

  @Test
  void progressIsToldAfterEachBatchUpToTheTotal() {
    List<ImportRecord> records =
        IntStream.range(0, 2 * MemoryTransfer.BATCH_SIZE + 1)
            .mapToObj(i -> undated("memory number " + i, "facts"))
            .collect(Collectors.toList());
    List<String> told = new ArrayList<>();

    ImportReport report = transfer.importAll(records, (done, total) -> told.add(done + "/" + total));

    assertThat(report.imported()).isEqualTo(records.size());
    assertThat(told).containsExactly("500/1001", "1000/1001", "1001/1001");
    assertThat(store.counts().total()).isEqualTo(1001);
  }

  @Test
  void theSyncIsWokenOnceAfterAnImportThatAddedMemoriesAndNotOtherwise() {
    List<ImportRecord> records = List.of(undated("one", "facts"), undated("two", "facts"));

    transfer.importAll(records, ImportProgress.NONE);
    transfer.importAll(records, ImportProgress.NONE);
    transfer.importAll(List.of(), ImportProgress.NONE);

    assertThat(wakes).hasValue(1);
  }

  @Test
  void aFailureOfTheDatabaseKeepsTheEarlierBatchesAndImportingAgainAddsTheRest() {
    List<ImportRecord> records =
        IntStream.range(0, MemoryTransfer.BATCH_SIZE + 10)
            .mapToObj(i -> undated("memory number " + i, "facts"))
            .collect(Collectors.toList());
    MemoryTransfer failingOnSecondWrite =
        new MemoryTransfer(new FailingOnWrite(store, 2), clock, wakes::incrementAndGet);

    assertThatThrownBy(() -> failingOnSecondWrite.importAll(records, ImportProgress.NONE))
        .isInstanceOf(StorageException.class);
    assertThat(store.counts().total()).isEqualTo(MemoryTransfer.BATCH_SIZE);
    ImportReport again = transfer.importAll(records, ImportProgress.NONE);

    assertThat(again).isEqualTo(new ImportReport(10, MemoryTransfer.BATCH_SIZE));
    assertThat(ops()).hasSize(records.size());
  }

  @Test
  void syncLinksAnImportedMemoryTheServerHoldsAndCreatesOnlyTheOthers() {
    FakeRemoteMemoryApi api = new FakeRemoteMemoryApi(clock);
    api.refuseCallsWhile(store::inWrite);
    clock.set(Instant.parse("2025-02-03T04:06:00Z"));
    ServerId onServer = api.createElsewhere("pushed from the machine that exported it");
    clock.set(T0);
    transfer.importAll(
        List.of(
            dated("pushed from the machine that exported it", "facts", WRITTEN),
            dated("never reached a server", "facts", WRITTEN)),
        ImportProgress.NONE);
    SyncEngine engine =
        new SyncEngine(store, api, clock, SyncOptions.defaults(Duration.ofSeconds(60)),
            new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.5), "importing process");

    engine.runCycle();

    assertThat(api.liveContents())
        .containsExactlyInAnyOrder("pushed from the machine that exported it", "never reached a server");
    List<Memory> imported = rows(store);
    assertThat(imported.get(0).serverId()).contains(onServer);
    assertThat(imported.get(1).serverId()).isPresent().isNotEqualTo(Optional.of(onServer));
  }

  /** A store whose n-th write fails as a full disk would. */
  private static final class FailingOnWrite implements MemoryStore {
    private final MemoryStore store;
    private final int failingWrite;
    private int writes;

    FailingOnWrite(MemoryStore store, int failingWrite) {
      this.store = store;
      this.failingWrite = failingWrite;
    }

    @Override
    public <T> T write(Function<MemoryWriter, T> work) {
      if (++writes == failingWrite) {
        throw new StorageException("database or disk is full");
      }
      return store.write(work);
    }

    @Override
    public <T> T read(Function<MemoryWriter, T> work) {
      return store.read(work);
    }

    @Override
    public Optional<Memory> find(MemoryId id) {
      return store.find(id);
    }

    @Override
    public List<Memory> search(String ftsQuery, Optional<Category> category, SortBy sortBy, int limit) {
      return store.search(ftsQuery, category, sortBy, limit);
    }

    @Override
    public List<Memory> searchFragments(
        List<String> fragments, Optional<Category> category, SortBy sortBy, int limit) {
      return store.searchFragments(fragments, category, sortBy, limit);
    }

    @Override
    public List<Memory> recent(Optional<Category> category, int limit) {
      return store.recent(category, limit);
    }

    @Override
    public MemoryCounts counts() {
      return store.counts();
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
