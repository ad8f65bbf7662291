package dev.claudememory.core.fakes;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.MemoryException;
import dev.claudememory.core.port.EmbeddingModel;
import dev.claudememory.core.port.TextEmbedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedding model for core tests, with a meaning simple enough to reason about: a text's words
 * (letters and digits, case folded) are mapped through a table of synonyms to concepts, each
 * concept gets a dimension of its own, and the vector counts the concepts, scaled to unit length.
 * So {@code "car garage"} and {@code "automobile carport"} lie at cosine 1 when {@code car} and
 * {@code carport} are synonyms of {@code automobile} and {@code garage}, and texts that share no
 * concept lie at cosine 0. A text with no word at all points along a dimension kept for it.
 *
 * <p>Every embedder it loads shares one table of dimensions, so vectors of an embedder loaded
 * again compare with the older ones, as a real model's would. It records every text embedded, and
 * can be told to fail or to wait while loading, embedding or closing, so tests can watch each state of
 * recall by meaning. Thread-safe.
 */
public final class FakeEmbeddingModel implements EmbeddingModel {
  public static final String MODEL_ID = "fake-meaning-v1";
  public static final int DIMENSIONS = 384;
  private static final Duration GATE_BOUND = Duration.ofSeconds(30);

  private final String modelId;
  private final Map<String, String> synonyms;
  private final Map<String, Integer> dimensionOf = new HashMap<>();
  private final List<FakeTextEmbedder> loaded = new CopyOnWriteArrayList<>();
  private final List<String> embedded = new CopyOnWriteArrayList<>();
  private final AtomicInteger loads = new AtomicInteger();
  private final Semaphore loadsStarted = new Semaphore(0);
  private volatile Optional<RuntimeException> loadFailure = Optional.empty();
  private volatile CountDownLatch loadGate = new CountDownLatch(0);
  private volatile CountDownLatch embedGate = new CountDownLatch(0);
  private volatile Optional<String> failingMarker = Optional.empty();
  private volatile Optional<String> notANumberMarker = Optional.empty();
  private volatile Optional<Map.Entry<String, Throwable>> throwing = Optional.empty();
  private volatile CountDownLatch closeGate = new CountDownLatch(0);
  private final Semaphore closesStarted = new Semaphore(0);

  /** @param synonyms word to the concept it stands for; other words are concepts of their own */
  public FakeEmbeddingModel(String modelId, Map<String, String> synonyms) {
    this.modelId = requireNonNull(modelId, "modelId");
    this.synonyms = Map.copyOf(synonyms);
  }

  public FakeEmbeddingModel(Map<String, String> synonyms) {
    this(MODEL_ID, synonyms);
  }

  public FakeEmbeddingModel() {
    this(Map.of());
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public TextEmbedder load() {
    loads.incrementAndGet();
    loadsStarted.release();
    // a real load runs in native code and cannot be interrupted: neither can this one
    awaitUninterruptibly(loadGate);
    if (loadFailure.isPresent()) {
      throw loadFailure.get();
    }
    FakeTextEmbedder embedder = new FakeTextEmbedder(this);
    loaded.add(embedder);
    return embedder;
  }

  /** Every later load throws this. */
  public void failLoadsWith(RuntimeException failure) {
    loadFailure = Optional.of(requireNonNull(failure, "failure"));
  }

  /** Every later load waits, uninterruptibly, until {@link #releaseLoads()}. */
  public void holdLoads() {
    loadGate = new CountDownLatch(1);
  }

  public void releaseLoads() {
    loadGate.countDown();
  }

  /** Every later embedding waits until {@link #releaseEmbeds()}. */
  public void holdEmbeds() {
    embedGate = new CountDownLatch(1);
  }

  public void releaseEmbeds() {
    embedGate.countDown();
  }

  /** Texts containing the marker make the model fail, as a real one may on a text it cannot read. */
  public void failOnTextsContaining(String marker) {
    failingMarker = Optional.of(requireNonNull(marker, "marker"));
  }

  /**
   * Texts containing the marker make the model throw this, an unchecked exception or an error,
   * as a model's runtime may (a tokenizer's bug, a native library missing, the heap exhausted).
   */
  public void throwOnTextsContaining(String marker, Throwable failure) {
    if (!(failure instanceof RuntimeException) && !(failure instanceof Error)) {
      throw new IllegalArgumentException("an embedder throws nothing checked: " + failure);
    }
    throwing = Optional.of(Map.entry(requireNonNull(marker, "marker"), failure));
  }

  /** Every later close of an embedder waits, uninterruptibly, until {@link #releaseCloses()}. */
  public void holdCloses() {
    closeGate = new CountDownLatch(1);
  }

  public void releaseCloses() {
    closeGate.countDown();
  }

  /** Waits, bounded, until an embedder's close has begun; true when one has. */
  public boolean awaitCloseStarted(Duration bound) throws InterruptedException {
    return closesStarted.tryAcquire(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Texts containing the marker come out as a vector of NaN, as a broken model's would. */
  public void notANumberForTextsContaining(String marker) {
    notANumberMarker = Optional.of(requireNonNull(marker, "marker"));
  }

  /** Waits, bounded, until a load has begun; true when one has. */
  public boolean awaitLoadStarted(Duration bound) throws InterruptedException {
    return loadsStarted.tryAcquire(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How many times {@link #load()} was called. */
  public int loads() {
    return loads.get();
  }

  /** The embedders loaded so far, oldest first. */
  public List<FakeTextEmbedder> loaded() {
    return List.copyOf(loaded);
  }

  /** Every text embedded so far, by any of its embedders, in order (queries included). */
  public List<String> embeddedTexts() {
    return List.copyOf(embedded);
  }

  /** How many times exactly this text was embedded. */
  public long timesEmbedded(String text) {
    return embedded.stream().filter(text::equals).count();
  }

  /** The unit vector of the text's concepts, as every embedder of this model returns it. */
  public float[] vectorOf(String text) {
    float[] vector = new float[DIMENSIONS];
    List<String> words = words(text);
    if (words.isEmpty()) {
      vector[0] = 1f;
      return vector;
    }
    for (String word : words) {
      vector[dimensionOf(synonyms.getOrDefault(word, word))] += 1f;
    }
    double squares = 0;
    for (float value : vector) {
      squares += (double) value * value;
    }
    float norm = (float) Math.sqrt(squares);
    for (int i = 0; i < vector.length; i++) {
      vector[i] /= norm;
    }
    return vector;
  }

  float[] embed(String text) {
    awaitUninterruptibly(embedGate);
    embedded.add(text);
    if (failingMarker.isPresent() && text.contains(failingMarker.get())) {
      throw new MemoryException("the fake model cannot read this text");
    }
    Optional<Map.Entry<String, Throwable>> thrown = throwing;
    if (thrown.isPresent() && text.contains(thrown.get().getKey())) {
      Throwable failure = thrown.get().getValue();
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      throw (RuntimeException) failure;
    }
    if (notANumberMarker.isPresent() && text.contains(notANumberMarker.get())) {
      float[] broken = new float[DIMENSIONS];
      Arrays.fill(broken, Float.NaN);
      return broken;
    }
    return vectorOf(text);
  }

  /** An embedder's close: it waits while closes are held. */
  void closing() {
    closesStarted.release();
    awaitUninterruptibly(closeGate);
  }

  /** Dimension 0 is kept for texts without words; concepts beyond the last share by hash. */
  private synchronized int dimensionOf(String concept) {
    Integer known = dimensionOf.get(concept);
    if (known != null) {
      return known;
    }
    int next = dimensionOf.size() + 1;
    int dimension = next < DIMENSIONS ? next : 1 + Math.floorMod(concept.hashCode(), DIMENSIONS - 1);
    dimensionOf.put(concept, dimension);
    return dimension;
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static void awaitUninterruptibly(CountDownLatch gate) {
    boolean interrupted = false;
    long deadline = System.nanoTime() + GATE_BOUND.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("a held load, embedding or close was never released within " + GATE_BOUND);
        }
        try {
          if (gate.await(left, TimeUnit.NANOSECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
