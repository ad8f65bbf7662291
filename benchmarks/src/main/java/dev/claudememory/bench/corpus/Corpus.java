package dev.claudememory.bench.corpus;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.NewMemory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A developer's memories, generated from a seed: the same seed gives the same memories, in the
 * same order, on every machine. Contents are distinct (so a count of distinct contents proves
 * exactly-once delivery), of varied length (mostly one or two sentences, a few long notes), spread
 * over the categories as real memories are, with tags and five to twelve expanded keywords.
 *
 * <p>Not thread-safe.
 */
public final class Corpus {
  /** Bumped whenever the generated memories change, so cached databases of older ones are rebuilt. */
  public static final int VERSION = 1;

  /** The seed used unless a run asks for another. */
  public static final long DEFAULT_SEED = 20_240_601L;

  private static final int MAX_CONTENT_CODE_POINTS = 1_400;
  private static final double SENSITIVE_SHARE = 0.005;

  private final Random random;
  private final Sentences sentences;
  private final List<String> categoryDraw;
  private final Set<String> contents = new HashSet<>();

  public Corpus(long seed) {
    this.random = new Random(seed);
    this.sentences = new Sentences(random);
    this.categoryDraw = categoryDraw();
  }

  /** The first {@code count} memories of this seed. */
  public static List<NewMemory> first(int count, long seed) {
    Corpus corpus = new Corpus(seed);
    List<NewMemory> memories = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      memories.add(corpus.next());
    }
    return memories;
  }

  /** The next memory; its content differs from every earlier one of this corpus. */
  public NewMemory next() {
    String category = sentences.pick(categoryDraw);
    Set<String> keywords = new LinkedHashSet<>();
    String content;
    do {
      keywords.clear();
      content = content(category, keywords);
    } while (!contents.add(content));
    return new NewMemory(
        new Content(content),
        Category.canonical(category),
        tags(keywords),
        expandedKeywords(category, keywords),
        new Importance(importance(category)),
        random.nextDouble() < SENSITIVE_SHARE);
  }

  private String content(String category, Set<String> keywords) {
    StringBuilder content = new StringBuilder(sentences.fill(sentences.pick(Vocabulary.OPENINGS.get(category)), keywords));
    int more = moreSentences();
    for (int i = 0; i < more; i++) {
      String detail = sentences.fill(sentences.pick(Vocabulary.DETAILS), keywords);
      if (content.codePointCount(0, content.length()) + 1 + detail.length() > MAX_CONTENT_CODE_POINTS) {
        break;
      }
      content.append(' ').append(detail);
    }
    return content.toString();
  }

  /** Most memories are one idea in a sentence or two; a few are long notes. */
  private int moreSentences() {
    double draw = random.nextDouble();
    if (draw < 0.25) {
      return 0;
    }
    if (draw < 0.60) {
      return 1;
    }
    if (draw < 0.80) {
      return 2;
    }
    if (draw < 0.92) {
      return 3;
    }
    if (draw < 0.98) {
      return 4 + random.nextInt(2);
    }
    return 6 + random.nextInt(20);
  }

  private String tags(Set<String> keywords) {
    int count = random.nextInt(4);
    List<String> words = new ArrayList<>(keywords);
    Collections.shuffle(words, random);
    return String.join(",", words.subList(0, Math.min(count, words.size())));
  }

  /** The category's words and the related terms of what the memory mentions, 5 to 12 of them. */
  private String expandedKeywords(String category, Set<String> related) {
    List<String> words = new ArrayList<>(List.of(Vocabulary.CATEGORY_KEYWORDS.get(category).split(" ")));
    List<String> mentioned = new ArrayList<>(related);
    Collections.shuffle(mentioned, random);
    for (String word : mentioned) {
      if (!words.contains(word)) {
        words.add(word);
      }
    }
    Collections.shuffle(words, random);
    int count = Math.min(words.size(), 5 + random.nextInt(8));
    return String.join(" ", words.subList(0, count));
  }

  /** The category's usual importance, give or take 0.2, in steps of 0.05. */
  private double importance(String category) {
    double base = Vocabulary.CATEGORY_IMPORTANCE.get(category);
    double jittered = base + (random.nextInt(9) - 4) * 0.05;
    return Math.max(0.05, Math.min(1.0, Math.round(jittered * 20) / 20.0));
  }

  private static List<String> categoryDraw() {
    List<String> draw = new ArrayList<>();
    // sorted: Map.ofEntries iterates in no fixed order, and the draw must not depend on it
    Vocabulary.CATEGORY_WEIGHTS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> draw.addAll(Collections.nCopies(entry.getValue(), entry.getKey())));
    return List.copyOf(draw);
  }
}
