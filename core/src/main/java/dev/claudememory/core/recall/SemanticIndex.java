package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.MemoryException;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.QuantizedVector;
import dev.claudememory.core.memory.StoredVector;
import dev.claudememory.core.port.EmbeddingModel;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.TextEmbedder;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Recall by meaning: the embedding model, a vector per memory, and the dense leg of hybrid recall.
 *
 * <p>One background thread does all the slow work, never a tool call: it loads the model (about a
 * second), reads the stored vectors into memory, and embeds every memory that has no vector yet —
 * new ones, changed ones, those of a database written by the Python version or by a pull — each
 * one after its write committed, never inside it. It also picks up vectors other processes on the
 * same file wrote, and unloads the model when recall has not asked for it for a while (the next
 * recall loads it again). Until the model is loaded and every memory had its vector once, {@link
 * #nearest} answers why not, and recall is lexical.
 *
 * <p>A memory the model fails on is skipped (counted in {@link Status#skipped()}) until it
 * changes; a model that fails on a whole batch of memories in a row, or an error on the thread
 * (out of heap, a class the model's runtime needs missing), stops recall by meaning for the rest
 * of the process: it is {@link State#UNAVAILABLE} with the reason, and recall is lexical.
 *
 * <p>Thread-safe. The state changes together with the model, under one lock, so no reader sees
 * {@link State#READY} without a model to answer.
 */
public final class SemanticIndex implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SemanticIndex.class.getName());
  /** Memories embedded between two writes: a write every few hundred milliseconds at most. */
  private static final int BATCH = 32;
  /** How often other processes' changes are looked for while nothing wakes the thread. */
  private static final Duration LOOK_AGAIN = Duration.ofSeconds(5);

  /** Where recall by meaning stands. */
  public enum State {
    /** Turned off by a setting. */
    OFF,
    /** The model is being loaded. */
    LOADING,
    /** The model is loaded; memories are being embedded for the first time. */
    EMBEDDING,
    /** Every memory had its vector once: recall is hybrid. */
    READY,
    /** Unloaded after a stretch without recall; the next recall loads it again. */
    UNLOADED,
    /** The model cannot run here; the reason says why. */
    UNAVAILABLE
  }

  /**
   * What people see of it ({@code memory_count}, {@code doctor}).
   *
   * @param embedded memories with a vector of the model
   * @param skipped memories the model failed on since it was loaded: they have no vector until
   *     they change or the model is loaded again
   * @param total memories in all
   * @param reason why recall is lexical now; empty when it is hybrid
   */
  public record Status(
      State state, String modelId, long embedded, long skipped, long total, Optional<String> reason) {
    public Status {
      requireNonNull(state, "state");
      requireNonNull(modelId, "modelId");
      requireNonNull(reason, "reason");
    }
  }

  private final MemoryStore store;
  private final EmbeddingModel model;
  private final Clock clock;
  private final Duration unloadAfter;
  private final Thread thread;
  private final Semaphore wakeups = new Semaphore(0);
  private final ReadWriteLock modelLock = new ReentrantReadWriteLock();
  private final Optional<String> offBecause;
  // memory id to the updatedAt the model failed on: skipped until the memory changes
  private final Map<Long, String> skipped = new ConcurrentHashMap<>();
  // the model arrives and leaves only under modelLock's write lock, the state changing in the same
  // hold (READY is entered only while a model is there): under the read lock, READY means a model
  private volatile State state;
  private volatile String unavailableBecause = "";
  private volatile boolean reloadWanted;
  private volatile boolean running = true;
  private volatile Instant lastUsed;
  // guarded by modelLock
  private TextEmbedder embedder;
  private VectorIndex index;
  // only the background thread reads and writes them
  private long seenSequence;
  // the highest id the embedding has gone through since it last started again from the first
  private long embeddedThrough;
  private int failuresInARow;
  private String lastFailure = "";

  /**
   * @param unloadAfter how long the model stays loaded without a recall
   * @param threads makes the one background thread
   */
  public SemanticIndex(
      MemoryStore store, EmbeddingModel model, Clock clock, Duration unloadAfter, ThreadFactory threads) {
    this.store = requireNonNull(store, "store");
    this.model = requireNonNull(model, "model");
    this.clock = requireNonNull(clock, "clock");
    this.unloadAfter = requireNonNull(unloadAfter, "unloadAfter");
    this.thread = threads.newThread(this::work);
    this.offBecause = Optional.empty();
    this.state = State.LOADING;
    this.lastUsed = clock.instant();
  }

  private SemanticIndex(String offBecause) {
    this.store = null;
    this.model = null;
    this.clock = null;
    this.unloadAfter = Duration.ZERO;
    this.thread = null;
    this.offBecause = Optional.of(offBecause);
    this.state = State.OFF;
  }

  /** Recall by meaning turned off: recall is lexical and says why. */
  public static SemanticIndex off(String because) {
    return new SemanticIndex(requireNonNull(because, "because"));
  }

  /** Starts the background work (loading the model first). Call once, after the handshake. */
  public void start() {
    if (thread != null) {
      thread.start();
    }
  }

  /** A memory was written here: it is embedded soon rather than at the next look. */
  public void changed() {
    if (thread != null && wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  /** The answer of the dense leg: the nearest memories, or why there are none. */
  public sealed interface Nearest permits Found, Unavailable {}

  /** The nearest memories to the text, closest first, with their similarity. */
  public record Found(List<Neighbour> neighbours) implements Nearest {
    public Found {
      neighbours = List.copyOf(neighbours);
    }
  }

  /** Recall by meaning cannot answer now, for this reason. */
  public record Unavailable(String reason) implements Nearest {}

  /** The {@code k} memories whose meaning lies nearest the text, or why there is no answer now. */
  public Nearest nearest(String text, int k) {
    if (state == State.READY) {
      modelLock.readLock().lock();
      try {
        // looked at again under the lock: the model may have left since
        if (state == State.READY) {
          lastUsed = clock.instant();
          QuantizedVector query = vectorOf(text);
          return new Found(index.nearest(query, k));
        }
      } catch (MemoryException e) {
        return new Unavailable("the embedding model failed: " + e.getMessage());
      } finally {
        modelLock.readLock().unlock();
      }
    }
    State now = state;
    if (now == State.UNLOADED) {
      reloadWanted = true;
      changed();
      return new Unavailable(unloaded() + " and is loading again");
    }
    return new Unavailable(reason(now));
  }

  /**
   * A memory was deleted here: it is no longer a neighbour from now on. (A memory another process
   * deletes stays in the index until the model is next loaded; recall looks up every neighbour
   * and leaves out those that are gone.)
   */
  public void removed(MemoryId id) {
    requireNonNull(id, "id");
    skipped.remove(id.value());
    modelLock.readLock().lock();
    try {
      if (index != null) {
        index.remove(id);
      }
    } finally {
      modelLock.readLock().unlock();
    }
  }

  public Status status() {
    State now = state;
    String id = model == null ? "none" : model.modelId();
    if (now == State.OFF) {
      return new Status(now, id, 0, 0, 0, offBecause);
    }
    long embedded = store.read(reader -> reader.vectorCount(model.modelId()));
    long total = store.counts().total();
    return new Status(
        now, id, embedded, skipped.size(), total, now == State.READY ? Optional.empty() : Optional.of(reason(now)));
  }

  private String reason(State now) {
    switch (now) {
      case OFF:
        return offBecause.orElse("recall by meaning is off");
      case LOADING:
        return "the embedding model is loading";
      case EMBEDDING:
        return "the embedding model is embedding the memories for the first time";
      case UNLOADED:
        return unloaded() + "; the next recall loads it again";
      case UNAVAILABLE:
        return unavailableBecause;
      case READY:
        return "recall by meaning is ready";
      default:
        throw new AssertionError(now);
    }
  }

  private String unloaded() {
    return "the embedding model was unloaded after " + spoken(unloadAfter) + " without recall";
  }

  /** As the setting was given, in seconds, in minutes where they are whole. */
  private static String spoken(Duration duration) {
    long seconds = duration.getSeconds();
    if (duration.getNano() == 0 && seconds % 60 == 0) {
      long minutes = seconds / 60;
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    String amount = BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    return amount + (amount.equals("1") ? " second" : " seconds");
  }

  private void work() {
    // once unavailable, nothing is left to do: the thread ends
    while (running && state != State.UNAVAILABLE) {
      try {
        if (state == State.LOADING || (state == State.UNLOADED && reloadWanted)) {
          load();
          continue;
        }
        boolean embedded = false;
        if (state == State.EMBEDDING || state == State.READY) {
          readNewVectors();
          embedded = embedSome();
          if (state == State.UNAVAILABLE) {
            continue;
          }
          if (!embedded && state == State.EMBEDDING) {
            state = State.READY;
            LOG.log(Level.INFO, "recall by meaning is ready");
          }
          if (state == State.READY && clock.instant().isAfter(lastUsed.plus(unloadAfter))) {
            unload();
          }
        }
        if (!embedded && state != State.LOADING) {
          wakeups.tryAcquire(LOOK_AGAIN.toMillis(), TimeUnit.MILLISECONDS);
          wakeups.drainPermits();
        }
      } catch (InterruptedException e) {
        return; // closing
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "recall by meaning: " + e.getMessage());
        sleepQuietly();
      } catch (Error e) {
        // out of heap, a class of the model's runtime missing: what the thread was doing is lost
        // halfway, and doing it again would only fail again
        stop(() -> "recall by meaning stopped after an internal error: " + named(e));
      }
    }
  }

  /**
   * Recall by meaning becomes unavailable for the rest of the process, for the reason made after
   * the model and the vectors are let go (their memory may be what it takes to make it).
   */
  private void stop(Supplier<String> because) {
    TextEmbedder detached;
    modelLock.writeLock().lock();
    try {
      detached = embedder;
      embedder = null;
      index = null;
      skipped.clear();
      unavailableBecause = because.get();
      state = State.UNAVAILABLE;
    } finally {
      modelLock.writeLock().unlock();
    }
    LOG.log(Level.WARNING, unavailableBecause + "; recall stays lexical");
    if (detached != null) {
      try {
        detached.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "the embedding model did not close cleanly: " + named(e));
      }
    }
  }

  /** The kind of failure and its message, never a stack. */
  private static String named(Throwable failure) {
    String message = failure.getMessage();
    String kind = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  private void load() {
    state = State.LOADING;
    reloadWanted = false;
    long started = System.nanoTime();
    TextEmbedder loaded;
    try {
      loaded = model.load();
    } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
      // whatever the model's runtime throws, it will not load here: retrying would only repeat it
      String because = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      stop(() -> "the embedding model cannot run here: " + because);
      return;
    }
    modelLock.writeLock().lock();
    try {
      embedder = loaded;
      index = new VectorIndex(loaded.dimensions());
      seenSequence = 0;
      embeddedThrough = 0;
      failuresInARow = 0;
      // a memory it failed on before gets another chance with the model loaded anew
      skipped.clear();
      lastUsed = clock.instant();
      state = State.EMBEDDING;
    } finally {
      modelLock.writeLock().unlock();
    }
    LOG.log(Level.INFO, "the embedding model " + model.modelId() + " loaded in "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
  }

  private void unload() {
    TextEmbedder detached;
    modelLock.writeLock().lock();
    try {
      state = State.UNLOADED;
      detached = embedder;
      embedder = null;
      index = null;
    } finally {
      modelLock.writeLock().unlock();
    }
    // no recall can reach it any more: its runtime is torn down without holding recall up
    detached.close();
    LOG.log(Level.INFO, unloaded());
  }

  /** Vectors written since the last look, by this process or another, into the index. */
  private void readNewVectors() {
    while (true) {
      long after = seenSequence;
      List<StoredVector> fresh = store.read(reader -> reader.vectorsAfter(model.modelId(), after, 4_096));
      for (StoredVector stored : fresh) {
        index.put(stored.memoryId(), stored.vector());
        seenSequence = Math.max(seenSequence, stored.sequence());
      }
      if (fresh.size() < 4_096) {
        return;
      }
    }
  }

  /**
   * Embeds a batch of memories that have no vector, leaving out those the model failed on as they
   * are now; false when there were none.
   *
   * <p>The batches go up through the ids, each asking from where the last one ended, so a backfill
   * reads each row once rather than every earlier row again per batch (at 100,000 memories, minutes
   * of SQLite). Once past the highest, it starts again from the first: a memory changed behind it
   * (its vector deleted) is found then.
   */
  private boolean embedSome() {
    long after = embeddedThrough;
    // as many more as are skipped are asked for, so that leaving those out still leaves a batch
    List<Memory> candidates =
        store.read(reader -> reader.withoutVector(model.modelId(), after, BATCH + skipped.size()));
    List<Memory> todo = new ArrayList<>(BATCH);
    for (Memory memory : candidates) {
      if (todo.size() == BATCH) {
        break;
      }
      embeddedThrough = memory.id().value();
      if (!memory.updatedAt().equals(skipped.get(memory.id().value()))) {
        todo.add(memory);
      }
    }
    if (todo.isEmpty()) {
      embeddedThrough = 0;
      // none left above where it had reached: the same question from the first id before saying so
      return after > 0 && embedSome();
    }
    List<Memory> embedded = new ArrayList<>(todo.size());
    List<QuantizedVector> vectors = new ArrayList<>(todo.size());
    for (Memory memory : todo) {
      Optional<QuantizedVector> vector = embed(memory);
      if (vector.isPresent()) {
        embedded.add(memory);
        vectors.add(vector.get());
        skipped.remove(memory.id().value());
        failuresInARow = 0;
      } else {
        skipped.put(memory.id().value(), memory.updatedAt());
        if (++failuresInARow == BATCH) {
          String failure = lastFailure;
          stop(() -> "the embedding model failed on " + BATCH + " memories in a row, the last time with " + failure);
          return false;
        }
      }
    }
    if (!embedded.isEmpty()) {
      store.write(
          writer -> {
            for (int i = 0; i < embedded.size(); i++) {
              Memory memory = embedded.get(i);
              writer.putVector(memory.id(), memory.updatedAt(), model.modelId(), vectors.get(i));
            }
            return null;
          });
      readNewVectors();
    }
    return true;
  }

  /**
   * A text the model fails on would stop every memory after it: such a memory gets the vector of
   * its category, tags and terms instead, and none when the model fails on those too. The model's
   * own message may quote the text, so only the kind of failure is logged.
   */
  private Optional<QuantizedVector> embed(Memory memory) {
    try {
      return Optional.of(vectorOf(MeaningText.of(memory)));
    } catch (RuntimeException e) {
      lastFailure = e.getClass().getSimpleName();
      LOG.log(Level.WARNING, "memory " + memory.id() + " is embedded without its content: the embedding model failed on it ("
          + lastFailure + ")");
    }
    try {
      return Optional.of(vectorOf(MeaningText.withoutContent(memory)));
    } catch (RuntimeException e) {
      lastFailure = e.getClass().getSimpleName();
      LOG.log(Level.WARNING, "memory " + memory.id() + " is skipped until it changes: the embedding model failed on it ("
          + lastFailure + ")");
      return Optional.empty();
    }
  }

  /** The model's vector of the text; a vector with a dimension that is no number is a failure. */
  private QuantizedVector vectorOf(String text) {
    float[] vector = embedder.embed(text);
    try {
      return QuantizedVector.of(vector);
    } catch (IllegalArgumentException e) {
      throw new MemoryException("the embedding model gave no usable vector: " + e.getMessage(), e);
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(LOOK_AGAIN.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the background work and frees the model. */
  @Override
  public void close() {
    running = false;
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      // a load or an embedding under way cannot be interrupted and ends within about a second:
      // it is waited for, since the model's runtime must not be torn down under it
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    modelLock.writeLock().lock();
    try {
      if (embedder != null) {
        embedder.close();
        embedder = null;
        index = null;
      }
      unavailableBecause = "recall by meaning was closed";
      state = State.UNAVAILABLE;
    } finally {
      modelLock.writeLock().unlock();
    }
  }
}
