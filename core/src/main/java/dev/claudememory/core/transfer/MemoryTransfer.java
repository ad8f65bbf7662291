package dev.claudememory.core.transfer;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SyncTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Export and import of the local database's memories. File formats are the caller's: this class
 * reads and writes memories.
 *
 * <p><b>Import.</b> Records go in as given, in batches of {@value #BATCH_SIZE}, each batch one
 * write transaction that also queues every imported memory for sync (like any local write), so
 * they reach the server. A record is skipped when the database already holds it, which makes
 * importing a file twice add nothing the second time:
 *
 * <ul>
 *   <li>a record exported with a server id that a local row has is already here;
 *   <li>a record with a {@code created_at} is here when a row has the same content, category and
 *       {@code created_at};
 *   <li>a record without one (a memory the import writes first) is here when a memory says the
 *       same thing, whatever its category: the same {@link ContentKey}, as for a store.
 * </ul>
 *
 * <p>Imported rows get new local ids, in the records' order, and no server id. Each is queued as a
 * create that first looks for the memory on the server ({@link PendingOp#adopted}, dated when the
 * memory was written), as for a create whose answer was lost: a memory exported from a machine
 * that syncs with the same server is found there and linked, not created twice; on any other
 * server it is created. Its copy deleted on the server after it was written counts as found, so
 * the imported row is deleted again by sync (the server wins).
 *
 * <p>A failure of the database part-way keeps the batches committed before it; importing the
 * same records again adds only the rest. Thread-safe as the store is.
 */
public final class MemoryTransfer {
  static final int BATCH_SIZE = 500;

  private final MemoryStore store;
  private final Clock clock;
  private final SyncTrigger sync;

  /** @param sync woken once after an import that added memories */
  public MemoryTransfer(MemoryStore store, Clock clock, SyncTrigger sync) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.sync = requireNonNull(sync, "sync");
  }

  /** Every memory, oldest local id first; sensitive ones only when {@code includeSensitive}. */
  public ExportedMemories export(boolean includeSensitive) {
    List<Memory> all = store.read(MemoryTransfer::everyRow);
    List<Memory> exported =
        all.stream()
            .filter(memory -> includeSensitive || !memory.sensitive())
            .collect(Collectors.toList());
    return new ExportedMemories(exported, all.size() - exported.size(), Timestamps.format(clock.instant()));
  }

  /**
   * Imports valid records, skipping those the database already holds.
   *
   * @throws dev.claudememory.core.StorageException when the database fails; earlier batches stay
   */
  public ImportReport importAll(List<ImportRecord> records, ImportProgress progress) {
    requireNonNull(records, "records");
    requireNonNull(progress, "progress");
    KnownMemories known = store.read(reader -> KnownMemories.of(everyRow(reader)));
    int imported = 0;
    for (int start = 0; start < records.size(); start += BATCH_SIZE) {
      List<ImportRecord> batch = records.subList(start, Math.min(records.size(), start + BATCH_SIZE));
      // the work may run again when another process held the database: it adds to no outside state
      KnownMemories added = store.write(writer -> importBatch(writer, batch, known));
      known.addAll(added);
      imported += added.size();
      progress.advanced(start + batch.size(), records.size());
    }
    if (imported > 0) {
      sync.wake();
    }
    return new ImportReport(imported, records.size() - imported);
  }

  private KnownMemories importBatch(MemoryWriter writer, List<ImportRecord> batch, KnownMemories known) {
    Instant now = clock.instant();
    KnownMemories added = new KnownMemories();
    for (ImportRecord record : batch) {
      if (known.contains(record) || added.contains(record)) {
        continue;
      }
      Memory inserted = writer.insertImported(record.memory(), now);
      writer.outbox().save(PendingOp.adopted(inserted, now));
      added.add(inserted, record.exportedServerId());
    }
    return added;
  }

  private static List<Memory> everyRow(MemoryWriter reader) {
    List<Memory> rows = new ArrayList<>(reader.synced());
    rows.addAll(reader.unsynced());
    rows.sort(Comparator.comparingLong(memory -> memory.id().value()));
    return rows;
  }
}
