package dev.claudememory.bench.process;

import dev.claudememory.bench.corpus.Corpus;
import dev.claudememory.bench.corpus.CorpusDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A corpus database with every memory's vector, embedded by the packaged server itself: started
 * on the file with {@code MEMORY_SEMANTIC=on} and a heap with room for every vector, until its
 * {@code memory_count} says ready. At 100,000
 * memories that takes minutes, so the file is kept beside the corpus databases and only checked by
 * later runs: a server started on it must count every memory embedded by its model, or it
 * finishes the embedding in place (after another model, or a build cut short).
 */
final class EmbeddedCorpus {
  /** The slowest embedding waited for, per memory (a tenth of the target rate). */
  private static final Duration PER_MEMORY_BOUND = Duration.ofMillis(40);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final String BUILD_HEAP = "-Xmx512m";

  private final Bench bench;

  EmbeddedCorpus(Bench bench) {
    this.bench = bench;
  }

  /** The kept file for the first {@code memories} memories of the run's seed. */
  Path file(int memories) {
    return CorpusDatabase.cacheDirectory()
        .resolve("corpus-" + memories + "-" + bench.options().seed() + "-v" + Corpus.VERSION + "-vectors.db");
  }

  /** Makes {@link #file} hold a vector of the server's model for every memory, or says why it cannot. */
  Waited complete(int memories) throws IOException, InterruptedException {
    Path file = file(memories);
    if (!Files.isRegularFile(file)) {
      // copied aside and moved in whole: the kept file is always a whole database
      Path building = Files.createTempFile(file.getParent(), "building-", ".db");
      try {
        CorpusDatabase.copy(CorpusDatabase.cached(memories, bench.options().seed()), building);
        Files.move(building, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(building);
      }
    }
    Path folder = bench.workspace().newFolder("embedding-" + memories);
    // room in the heap for the server's own index of every vector: this start writes the vectors
    // and is not measured, so it must not fail where the launcher's heap is too small
    Map<String, String> settings = new HashMap<>(MeaningFigures.settings(true, file));
    settings.put(Bench.JAVA_OPTIONS, BUILD_HEAP);
    try (Session session = Session.open(bench, bench.servers().get(0), folder, settings)) {
      SemanticWait wait = new SemanticWait(session);
      Optional<SemanticStatus> first = wait.status();
      if (first.isPresent() && first.get().isComplete() && first.get().total() == memories) {
        return new Waited.Reached(System.nanoTime());
      }
      bench.progress(String.format("embedding %,d memories with the server's model, once: kept in %s", memories, file));
      return wait.untilReady(PER_MEMORY_BOUND.multipliedBy(memories), POLL,
          status -> bench.progress("embedding: " + status));
    } finally {
      bench.workspace().remove(folder);
    }
  }
}
