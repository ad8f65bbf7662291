package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a prompt hook recalls before the prompt is answered: the user's prompt searched as it is
 * (there is no expanded query), and of the memories found only the few that share enough of the
 * prompt's own words to be worth the room they take in the context.
 *
 * <p>Recall ranks every memory that matches any word of a sentence, so most prompts find
 * something; only the words that say what a prompt is about ({@link PromptWords}) count towards
 * relevance, and a memory must hold {@link #DEFAULT_THRESHOLD three} of them. Trivial
 * prompts ("ok", "thanks, go ahead") and a stack trace pasted alone recall nothing. A sensitive
 * memory counts only by its category, tags and keywords, as recall finds it.
 *
 * <p>Stateless and thread-safe.
 */
public final class PromptRecall {
  /** At most this many memories are put before a prompt. */
  public static final int MAX_MEMORIES = 5;

  /** A prompt about fewer words than this ("ok", "thanks, go ahead") recalls nothing. */
  static final int MIN_PROMPT_WORDS = 2;

  /** The memories recall is asked for, before relevance leaves most of them out. */
  static final int CANDIDATES = 20;

  /**
   * When a memory is relevant to a prompt.
   *
   * @param minSharedWords the prompt's words (or, in text written without spaces, its pairs of
   *     characters) the memory must hold, at least 1; all of them when the prompt has fewer
   * @param minSharedShare the share of the prompt's words it must hold, 0 to 1
   */
  public record Threshold(int minSharedWords, double minSharedShare) {
    public Threshold {
      if (minSharedWords < 1) {
        throw new InvalidInputException(
            "minSharedWords", "minSharedWords must be at least 1; got " + minSharedWords);
      }
      if (!(minSharedShare >= 0 && minSharedShare <= 1)) {
        throw new InvalidInputException(
            "minSharedShare", "minSharedShare must be between 0 and 1; got " + minSharedShare);
      }
    }
  }

  /**
   * The threshold the hook uses: three of the prompt's words. Measured on the recall evaluation
   * set's raw messages ({@code PromptHookEval}), it injects 0.65 memories a prompt of which 73 %
   * are judged relevant, and the answer for 41 % of the questions; two words inject 2.9 a prompt,
   * 26 % relevant, and the answer for 68 %; a share of the prompt's words on top changed nothing.
   */
  public static final Threshold DEFAULT_THRESHOLD = new Threshold(3, 0);

  private final Threshold threshold;

  public PromptRecall(Threshold threshold) {
    this.threshold = requireNonNull(threshold, "threshold");
  }

  /** The recall to run for this prompt, or empty when the prompt is too trivial to recall for. */
  public Optional<RecallQuery> queryFor(String prompt) {
    requireNonNull(prompt, "prompt");
    if (Subject.of(prompt).size() < MIN_PROMPT_WORDS || StackTraceText.isAlone(prompt)) {
      return Optional.empty();
    }
    SearchTerms terms = SearchTerms.of(prompt, "");
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RecallQuery(terms, Optional.empty(), SortBy.RELEVANCE, CANDIDATES));
  }

  /**
   * The context to put before this prompt ({@link PromptContext}): the relevant memories that this
   * recall finds for it; empty when the prompt is trivial or none is relevant.
   */
  public String contextFor(String prompt, Function<RecallQuery, Recalled> recall) {
    requireNonNull(recall, "recall");
    Optional<RecallQuery> query = queryFor(prompt);
    if (query.isEmpty()) {
      return "";
    }
    Recalled recalled = recall.apply(query.get());
    return PromptContext.of(select(prompt, recalled.memories()), recalled.search().kind());
  }

  /**
   * Of the memories recall found for this prompt, best first, the relevant ones, in the same
   * order, at most {@value #MAX_MEMORIES}.
   */
  public List<Memory> select(String prompt, List<Memory> recalled) {
    requireNonNull(prompt, "prompt");
    requireNonNull(recalled, "recalled");
    Subject wanted = Subject.of(prompt);
    List<Memory> chosen = new ArrayList<>();
    for (Memory memory : recalled) {
      if (chosen.size() == MAX_MEMORIES) {
        break;
      }
      if (relevant(wanted, memory)) {
        chosen.add(memory);
      }
    }
    return chosen;
  }

  private boolean relevant(Subject wanted, Memory memory) {
    if (wanted.size() == 0) {
      return false;
    }
    // a sensitive memory is matched by what recall matches it by, never by its content
    String text =
        String.join(
            " ",
            memory.sensitive() ? "" : memory.content(),
            memory.category().name(),
            memory.tags(),
            memory.expandedKeywords());
    Set<String> held = PromptWords.of(text);
    String lowerText = text.toLowerCase(Locale.ROOT);
    long shared =
        wanted.words().stream().filter(held::contains).count()
            + wanted.fragments().stream().filter(lowerText::contains).count();
    // a prompt about fewer words than the threshold asks for needs all of them
    return shared >= Math.min(threshold.minSharedWords(), wanted.size())
        && shared >= threshold.minSharedShare() * wanted.size();
  }

  /**
   * What a prompt is about: its words, and its pairs of characters in scripts written without
   * spaces (where a whole sentence is one run of letters).
   */
  private record Subject(List<String> words, List<String> fragments) {
    static Subject of(String prompt) {
      List<String> words = new ArrayList<>();
      for (String word : PromptWords.of(prompt)) {
        if (SearchTerms.of(word, "").fragments().isEmpty()) {
          words.add(word);
        }
      }
      List<String> fragments = new ArrayList<>();
      for (String fragment : SearchTerms.of(prompt, "").fragments()) {
        fragments.add(fragment.toLowerCase(Locale.ROOT));
      }
      return new Subject(List.copyOf(words), List.copyOf(fragments));
    }

    int size() {
      return words.size() + fragments.size();
    }
  }
}
