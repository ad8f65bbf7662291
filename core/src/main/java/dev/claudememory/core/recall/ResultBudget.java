package dev.claudememory.core.recall;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Keeps a recall or list answer under a number of characters (Unicode code points), so that it
 * fits an assistant's context window however many or long the memories found are.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>When the whole answer fits, it is given whole: nothing is cut and no closing line added.
 *   <li>Otherwise each entry gets a share: the room left after the header and the closing line,
 *       divided by the number of entries, but never less than {@value #MIN_SHARE} characters (or
 *       all the room, when there is less). An entry longer than its share has its content cut
 *       (never its id or the fields around it) and a note saying so appended.
 *   <li>Entries, whole or cut, are then taken in order while they fit; the rest are counted in a
 *       closing line. The header always comes first and says how many entries are shown.
 * </ol>
 *
 * <p>Only what was found is counted: the caller's limit bounds what is looked for, and when the
 * budget leaves entries out, a larger limit would show no more of them.
 *
 * <p>Immutable and thread-safe.
 */
public final class ResultBudget {
  /** About a tenth of a typical context window. */
  public static final int DEFAULT_MAX_CHARS = 20_000;
  /** Room for a header, one cut entry and a closing line. */
  public static final int MIN_MAX_CHARS = 1_000;
  /** Below this an entry is not cut further: it would say too little to be worth showing. */
  static final int MIN_SHARE = 500;

  private final int maxChars;

  /**
   * @param maxChars at least {@value #MIN_MAX_CHARS}
   * @throws IllegalArgumentException when it is smaller
   */
  public ResultBudget(int maxChars) {
    if (maxChars < MIN_MAX_CHARS) {
      throw new IllegalArgumentException(
          "a result budget is at least " + MIN_MAX_CHARS + " characters; got " + maxChars);
    }
    this.maxChars = maxChars;
  }

  /** The default budget of {@value #DEFAULT_MAX_CHARS} characters. */
  public static ResultBudget defaults() {
    return new ResultBudget(DEFAULT_MAX_CHARS);
  }

  public int maxChars() {
    return maxChars;
  }

  /**
   * Lays out the items as one text of at most {@link #maxChars()} code points (unless a header,
   * note or closing line alone is longer than the budget allows, which callers' short texts never
   * are).
   *
   * @param items what was found, best first
   * @param entries how each item reads, split around its content, the only part that is cut
   */
  public <T> Fitted<T> fit(List<T> items, Function<T, Entry> entries, Layout layout) {
    requireNonNull(items, "items");
    requireNonNull(entries, "entries");
    requireNonNull(layout, "layout");
    List<Entry> all = new ArrayList<>(items.size());
    items.forEach(item -> all.add(requireNonNull(entries.apply(item), "entry")));

    List<Shown<T>> whole = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      whole.add(new Shown<>(items.get(i), all.get(i).content(), false));
    }
    String wholeText = layout.render(whole, all, 0);
    if (items.isEmpty() || length(wholeText) <= maxChars) {
      return new Fitted<>(wholeText, whole, 0);
    }

    int separator = length(layout.separator());
    // headers and closing lines only grow with their number's digits: the largest one is the bound
    int reserved =
        length(layout.header().apply(items.size()))
            + separator
            + length(layout.footer().apply(items.size()));
    int room = Math.max(0, maxChars - reserved);
    int share = Math.max(room / items.size() - separator, Math.min(MIN_SHARE, room));

    List<Shown<T>> shown = new ArrayList<>();
    List<Entry> shownEntries = new ArrayList<>();
    int used = 0;
    for (int i = 0; i < items.size(); i++) {
      Entry entry = all.get(i);
      Shown<T> fitted = fitEntry(items.get(i), entry, share, layout);
      int cost = length(entry.render(fitted, layout)) + separator;
      if (used + cost > room) {
        break;
      }
      used += cost;
      shown.add(fitted);
      shownEntries.add(entry);
    }
    int more = items.size() - shown.size();
    return new Fitted<>(layout.render(shown, shownEntries, more), shown, more);
  }

  private static <T> Shown<T> fitEntry(T item, Entry entry, int share, Layout layout) {
    int full = length(entry.content());
    if (length(entry.before()) + full + length(entry.after()) <= share) {
      return new Shown<>(item, entry.content(), false);
    }
    int fixed =
        length(entry.before()) + length(entry.after()) + length(layout.cutNote().apply(full));
    String cut = cut(entry.content(), Math.max(0, share - fixed));
    return new Shown<>(item, cut, true);
  }

  /** At most {@code codePoints} of the text, ending at a word where one ends near the cut. */
  private static String cut(String text, int codePoints) {
    String cut = text.substring(0, text.offsetByCodePoints(0, codePoints));
    int lastSpace = cut.lastIndexOf(' ');
    if (lastSpace > 0 && cut.length() - lastSpace <= 20) {
      cut = cut.substring(0, lastSpace);
    }
    return cut.stripTrailing();
  }

  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * How one item reads: {@code before + content + after}; only the content is ever cut.
   *
   * @param before what precedes the content, its id first
   * @param content the memory's text as it may be shown (never a sensitive one's)
   * @param after what follows the content
   */
  public record Entry(String before, String content, String after) {
    public Entry {
      requireNonNull(before, "before");
      requireNonNull(content, "content");
      requireNonNull(after, "after");
    }

    String render(Shown<?> shown, Layout layout) {
      return before
          + shown.content()
          + (shown.cut() ? layout.cutNote().apply(length(content)) : "")
          + after;
    }
  }

  /**
   * The texts around the entries.
   *
   * @param header the first line, given how many entries are shown; may be empty
   * @param separator what goes between header, entries and closing line
   * @param cutNote appended to a cut content, given the full content's length
   * @param footer the closing line, given how many entries were left out (at least one)
   */
  public record Layout(
      IntFunction<String> header,
      String separator,
      IntFunction<String> cutNote,
      IntFunction<String> footer) {
    public Layout {
      requireNonNull(header, "header");
      requireNonNull(separator, "separator");
      requireNonNull(cutNote, "cutNote");
      requireNonNull(footer, "footer");
    }

    <T> String render(List<Shown<T>> shown, List<Entry> entries, int more) {
      List<String> parts = new ArrayList<>();
      String head = header.apply(shown.size());
      if (!head.isEmpty()) {
        parts.add(head);
      }
      for (int i = 0; i < shown.size(); i++) {
        parts.add(entries.get(i).render(shown.get(i), this));
      }
      if (more > 0) {
        parts.add(footer.apply(more));
      }
      return String.join(separator, parts);
    }
  }

  /**
   * One item as the answer shows it.
   *
   * @param content its content as shown, without the cut note
   * @param cut whether the content was cut
   */
  public record Shown<T>(T item, String content, boolean cut) {
    public Shown {
      requireNonNull(item, "item");
      requireNonNull(content, "content");
    }
  }

  /**
   * The answer.
   *
   * @param text header, entries and, when some were left out, the closing line
   * @param shown the items in the text, in order
   * @param more how many items were left out
   */
  public record Fitted<T>(String text, List<Shown<T>> shown, int more) {
    public Fitted {
      requireNonNull(text, "text");
      shown = List.copyOf(shown);
    }

    /** Whether anything was cut or left out. */
    public boolean truncated() {
      return more > 0 || shown.stream().anyMatch(Shown::cut);
    }
  }
}
