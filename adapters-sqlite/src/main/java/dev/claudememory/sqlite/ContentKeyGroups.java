package dev.claudememory.sqlite;

import static dev.claudememory.sqlite.Schema.CONTENT;
import static dev.claudememory.sqlite.Schema.CONTENT_KEY;
import static dev.claudememory.sqlite.Schema.ID;
import static dev.claudememory.sqlite.Schema.MEMORIES;

import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.port.DuplicateGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * Memories grouped by content key, for {@code doctor}. Without writing, so it works in a read: the
 * keys SQLite holds are grouped on their index, and rows without one (written by the Python
 * version) get theirs computed here and joined to the groups they belong to.
 */
final class ContentKeyGroups {
  private ContentKeyGroups() {}

  static List<DuplicateGroup> find(DSLContext dsl, int maxGroups) {
    Map<String, TreeSet<Long>> groups = new LinkedHashMap<>();
    // the first groups by their oldest row are exact unless a keyless row joins them: those are
    // completed below, and no group outside these can then move ahead of them
    var keys =
        dsl.select(CONTENT_KEY)
            .from(MEMORIES)
            .where(CONTENT_KEY.isNotNull())
            .groupBy(CONTENT_KEY)
            .having(DSL.count().gt(1))
            .orderBy(DSL.min(ID))
            .limit(maxGroups);
    for (Record2<Long, String> row :
        dsl.select(ID, CONTENT_KEY).from(MEMORIES).where(CONTENT_KEY.in(keys)).fetch()) {
      groups.computeIfAbsent(row.value2(), key -> new TreeSet<>()).add(row.value1());
    }
    for (Record2<Long, String> keyless :
        dsl.select(ID, CONTENT).from(MEMORIES).where(CONTENT_KEY.isNull()).fetch()) {
      String key = ContentKey.of(keyless.value2()).value();
      TreeSet<Long> group =
          groups.computeIfAbsent(
              key,
              k -> new TreeSet<>(dsl.select(ID).from(MEMORIES).where(CONTENT_KEY.eq(k)).fetch(ID)));
      group.add(keyless.value1());
    }
    List<DuplicateGroup> found = new ArrayList<>();
    groups.values().stream()
        .filter(ids -> ids.size() > 1)
        .sorted(Comparator.comparing(TreeSet::first))
        .limit(maxGroups)
        .forEachOrdered(
            ids ->
                found.add(
                    new DuplicateGroup(
                        ids.stream().map(MemoryId::new).collect(Collectors.toList()))));
    return found;
  }
}
