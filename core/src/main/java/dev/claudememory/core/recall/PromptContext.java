package dev.claudememory.core.recall;

import dev.claudememory.core.memory.Memory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The text a prompt hook adds to the context: the memories chosen, each with its id so the
 * assistant can update or supersede it, within {@value #MAX_BYTES} bytes. A sensitive memory is
 * shown masked, never its content. The header says which search found them: by words alone, or by
 * words and meaning when the embedding model was ready.
 */
public final class PromptContext {
  static final int MAX_BYTES = 8 * 1024;
  /** A memory cut shorter than this says too little to be worth its room. */
  private static final int MIN_ENTRY_BYTES = 200;
  private static final String CUT = " … (cut; memory_recall shows it whole)";

  private PromptContext() {}

  /** The context for these memories, best first, found by this search; empty when none is given. */
  public static String of(List<Memory> memories, Search.Kind search) {
    List<Memory> shown = new ArrayList<>();
    List<String> entries = new ArrayList<>();
    int used = bytes(header(memories, search));
    for (Memory memory : memories) {
      String entry = entry(memory, memory.sensitive() ? Memory.mask(memory.id()) : memory.content());
      int room = MAX_BYTES - used;
      if (bytes(entry) + 1 > room) {
        String content = memory.sensitive() ? Memory.mask(memory.id()) : memory.content();
        int over = bytes(entry) + 1 - room + bytes(CUT);
        if (memory.sensitive() || room < MIN_ENTRY_BYTES || over >= bytes(content)) {
          break;
        }
        entry = entry(memory, cutToBytes(content, bytes(content) - over) + CUT);
      }
      entries.add(entry);
      shown.add(memory);
      used += bytes(entry) + 1;
    }
    if (shown.isEmpty()) {
      return "";
    }
    return header(shown, search) + "\n" + String.join("\n", entries);
  }

  private static String header(List<Memory> memories, Search.Kind search) {
    String ids = memories.stream().map(memory -> "#" + memory.id().value()).collect(Collectors.joining(", "));
    String foundBy = search == Search.Kind.HYBRID ? "words and meaning" : "words";
    return "claude-memory recalled these stored memories for this prompt by " + foundBy + " (" + ids + "). Use them where"
        + " they help. When one is out of date or wrong, update it with memory_update (or delete it)"
        + " by its id rather than storing another.\n";
  }

  private static String entry(Memory memory, String content) {
    return "#" + memory.id().value() + " [" + memory.category().name() + "] (importance: "
        + memory.importanceDisplay() + ") " + content + "\n  Tags: "
        + (memory.tags().isBlank() ? "none" : memory.tags()) + " | Stored: " + memory.createdAt();
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The longest start of the text within this many UTF-8 bytes, whole code points only. */
  private static String cutToBytes(String text, int maxBytes) {
    int end = 0;
    int used = 0;
    while (end < text.length()) {
      int codePoint = text.codePointAt(end);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > maxBytes) {
        break;
      }
      used += size;
      end += Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }
}
