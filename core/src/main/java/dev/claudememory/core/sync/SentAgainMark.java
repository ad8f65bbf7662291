package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Limits;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word a memory sent again after the server lost its copy carries in its related terms on
 * the server, naming the lost copy: {@code resent:<id>:<created>:<version>} (the copy's id, its
 * {@code created_at}, and the memory's {@code updated_at} as it was sent again, in microseconds
 * since the epoch, 0 when not known). The API keeps no other field a client may set, and the same
 * memory sent again by two machines, or sent again by one after another deleted it, can only be
 * told from another memory by the copy both knew. Sync reads it off every memory it gets from the
 * server, so no memory here ever holds it, and the next edit of the memory removes it there.
 */
final class SentAgainMark {
  private static final String PREFIX = "resent:";
  private static final Pattern WORD = Pattern.compile("(?:^|\\s)resent:([1-9]\\d{0,17}):(\\d{1,19}):(\\d{1,19})(?=\\s|$)");

  private SentAgainMark() {}

  /** The fields with the mark of {@code lost} added, unless they would go over the API's limit. */
  static MemoryFields added(MemoryFields fields, LostCopy lost) {
    Optional<Instant> created = Timestamps.parse(lost.serverCreatedAt());
    if (created.isEmpty()) {
      return fields;
    }
    String word = PREFIX + lost.serverId().value() + ":" + micros(created.get()) + ":"
        + lost.sentVersion().flatMap(Timestamps::parse).map(SentAgainMark::micros).orElse(0L);
    String keywords = fields.expandedKeywords().isEmpty() ? word : fields.expandedKeywords() + " " + word;
    if (keywords.codePointCount(0, keywords.length()) > Limits.MAX_TAGS_CODE_POINTS) {
      return fields;
    }
    return new MemoryFields(fields.content(), fields.category(), fields.tags(), keywords,
        fields.importance(), fields.forceSensitive());
  }

  /** The lost copy {@code copy} was sent again of, if it carries a mark. */
  static Optional<LostCopy> of(RemoteMemory copy) {
    // every memory a pull shows passes here, nearly all without the mark
    if (!copy.expandedKeywords().contains(PREFIX)) {
      return Optional.empty();
    }
    Matcher matcher = WORD.matcher(copy.expandedKeywords());
    if (!matcher.find()) {
      return Optional.empty();
    }
    try {
      long version = Long.parseLong(matcher.group(3));
      return Optional.of(new LostCopy(
          new ServerId(Long.parseLong(matcher.group(1))),
          Timestamps.format(instant(Long.parseLong(matcher.group(2)))),
          version == 0 ? Optional.empty() : Optional.of(Timestamps.format(instant(version)))));
    } catch (IllegalArgumentException | ArithmeticException | DateTimeException notOurs) {
      return Optional.empty(); // a word of that shape that no machine wrote: a related term
    }
  }

  /** {@code copy} as the memory it holds, without the mark. */
  static RemoteMemory removedFrom(RemoteMemory copy) {
    if (!copy.expandedKeywords().contains(PREFIX)) {
      return copy;
    }
    Matcher matcher = WORD.matcher(copy.expandedKeywords());
    if (!matcher.find()) {
      return copy;
    }
    String keywords = matcher.replaceAll("").strip();
    return new RemoteMemory(copy.id(), copy.content(), copy.category(), copy.tags(), keywords,
        copy.importance(), copy.sensitive(), copy.createdAt(), copy.updatedAt(), copy.deletedAt());
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
