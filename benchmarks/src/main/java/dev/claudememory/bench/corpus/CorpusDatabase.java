package dev.claudememory.bench.corpus;

import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.sync.LocalChange;
import dev.claudememory.core.sync.OpCoalescer;
import dev.claudememory.sqlite.SqliteMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Database files holding the first n memories of a {@link Corpus}, written through the product's
 * own SQLite store as {@code LocalFirstMemoryService.store} writes them (the row, and its sync op
 * queued by {@link OpCoalescer}, as in a local-only user's file), dated over the two years before
 * 2026. A thousand memories share a transaction: one commit each would take minutes for 100,000.
 *
 * <p>Each file is built once and kept as {@code corpus-<n>-<seed>-v<corpus version>.db} in the
 * cache directory: system property {@value #CACHE_PROPERTY}, else the folder holding this code
 * ({@code benchmarks/target}). Runs use copies: a server writes to the file it is given.
 */
public final class CorpusDatabase {
  public static final String CACHE_PROPERTY = "bench.corpus.dir";

  private static final Instant HISTORY_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration HISTORY = Duration.ofDays(730);
  private static final int BATCH = 1_000;

  private CorpusDatabase() {}

  /** The cached file of the first {@code memories} memories of {@code seed}, built if missing. */
  public static Path cached(int memories, long seed) {
    Path directory = cacheDirectory();
    Path file = directory.resolve("corpus-" + memories + "-" + seed + "-v" + Corpus.VERSION + ".db");
    if (Files.isRegularFile(file)) {
      // brought to the current schema once here, not by every server and trial that copies it
      SqliteMemoryStore.open(file).close();
      return file;
    }
    try {
      Files.createDirectories(directory);
      // built aside and moved in whole: an interrupted build never leaves a short file behind
      Path building = Files.createTempDirectory(directory, "building-");
      try {
        Path built = building.resolve("memory.db");
        build(built, new Corpus(seed), memories);
        Files.move(built, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteTree(building);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the corpus database in " + directory, e);
    }
  }

  /** A copy of a database file at {@code target} (its folders created), with its WAL if any. */
  public static Path copy(Path database, Path target) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.copy(database, target, StandardCopyOption.REPLACE_EXISTING);
      Path wal = Path.of(database + "-wal");
      if (Files.exists(wal)) {
        Files.copy(wal, Path.of(target + "-wal"), StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + database + " to " + target, e);
    }
  }

  /** Stores {@code count} memories into a new database file through the product's service. */
  static void build(Path file, Corpus corpus, int count) {
    Clock clock = new SteppingClock(HISTORY_START, HISTORY.dividedBy(Math.max(1, count)));
    try (MemoryStore store = SqliteMemoryStore.open(file)) {
      for (int written = 0; written < count; written += BATCH) {
        List<NewMemory> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < Math.min(BATCH, count - written); i++) {
          batch.add(corpus.next());
        }
        // dated outside the transaction: a write may run again, and must write the same rows
        List<Instant> dates = batch.stream().map(memory -> clock.instant()).collect(Collectors.toList());
        store.write(
            writer -> {
              for (int i = 0; i < batch.size(); i++) {
                Memory stored = writer.insert(batch.get(i), dates.get(i));
                OpCoalescer.merge(Optional.empty(), LocalChange.STORED, stored, dates.get(i))
                    .ifPresent(writer.outbox()::save);
              }
              return null;
            });
      }
    }
  }

  /** Where built databases are kept. */
  public static Path cacheDirectory() {
    String configured = System.getProperty(CACHE_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      // benchmarks/target/benchmarks.jar or benchmarks/target/classes: either way benchmarks/target
      Path code = Path.of(CorpusDatabase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the benchmarks code; set -D" + CACHE_PROPERTY, e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
