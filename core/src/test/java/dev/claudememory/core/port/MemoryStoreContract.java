package dev.claudememory.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoryStore} must do, run against the in-memory fake and the SQLite adapter.
 *
 * <p>Search assertions hold for real FTS5 with bm25 as much as for the fake: rows containing the
 * words match, rows without them do not, sensitive rows never come back, and order is asserted
 * only where bm25 cannot tell the rows apart (identical text) or does not matter (recency). The
 * words used are rare, unstemmed ones, so a porter tokenizer would not change the answers either.
 */
public abstract class MemoryStoreContract {
  protected static final Instant T0 = Instant.parse("2026-11-24T21:47:33.680389Z");

  protected MemoryStore store;

  /** A new, empty store. */
  protected abstract MemoryStore openStore();

  /** Closes {@code store} and opens a store over the same data, as a restart would. */
  protected abstract MemoryStore reopen(MemoryStore store);

  @BeforeEach
  final void openTheStore() {
    store = openStore();
  }

  @AfterEach
  final void closeTheStore() {
    store.close();
  }

  // --- insert and find ---

  @Test
  void insertReturnsTheMemoryWithANewIdAndItsFields() {
    NewMemory memory =
        new NewMemory(
            new Content("Kestrel deploys run from the ops box"),
            Category.canonical("infra"),
            "deploy,ops",
            "kestrel deploy release ship pipeline",
            new Importance(0.8),
            false);

    Memory stored = insert(memory, T0);

    assertThat(stored.id().value()).isPositive();
    assertThat(stored.serverId()).isEmpty();
    assertThat(stored.content()).isEqualTo("Kestrel deploys run from the ops box");
    assertThat(stored.category()).isEqualTo(new Category("infrastructure"));
    assertThat(stored.tags()).isEqualTo("deploy,ops");
    assertThat(stored.expandedKeywords()).isEqualTo("kestrel deploy release ship pipeline");
    assertThat(stored.importance()).isEqualTo(0.8);
    assertThat(stored.sensitive()).isFalse();
    assertThat(stored.createdAt()).isEqualTo("2026-11-24T21:47:33.680389+00:00");
    assertThat(stored.updatedAt()).isEqualTo(stored.createdAt());
  }

  @Test
  void insertedMemoryIsFoundByIdAsItWasReturned() {
    Memory stored = insert(NewMemory.of("Marmalade is the staging cluster", "staging"), T0);

    assertThat(store.find(stored.id())).contains(stored);
  }

  @Test
  void eachInsertGetsAGreaterIdAndIdsAreNotReusedAfterDelete() {
    Memory first = insert(NewMemory.of("first", ""), T0);
    Memory second = insert(NewMemory.of("second", ""), T0);
    store.write(writer -> writer.delete(second.id()));
    Memory third = insert(NewMemory.of("third", ""), T0);

    assertThat(second.id().value()).isGreaterThan(first.id().value());
    assertThat(third.id().value()).isGreaterThan(second.id().value());
  }

  @Test
  void findOfAnUnknownIdIsEmpty() {
    insert(NewMemory.of("something", ""), T0);

    assertThat(store.find(new MemoryId(987_654))).isEmpty();
  }

  @Test
  void insertMarksCredentialsAndForcedMemoriesSensitive() {
    Memory credential = insert(NewMemory.of("DB_PASSWORD=hunter2 on staging", ""), T0);
    Memory forced =
        insert(
            new NewMemory(
                new Content("the launch date"), Category.DEFAULT, "", "", Importance.DEFAULT, true),
            T0);
    Memory plain = insert(NewMemory.of("the token bucket refills hourly", ""), T0);

    assertThat(credential.sensitive()).isTrue();
    assertThat(forced.sensitive()).isTrue();
    assertThat(plain.sensitive()).isFalse();
    assertThat(store.find(credential.id()).map(Memory::sensitive)).contains(true);
  }

  @Test
  void textComesBackExactlyAsStored() {
    List<String> texts =
        List.of(
            "quote ' and \" and '' and \"\"",
            "'; DROP TABLE memories; --",
            "emoji 🎉 and family 👩‍👩‍👧 and flag 🇫🇮",
            "中文 日本語 한국어",
            "עברית العربية mixed with English",
            "combining e\u0301 and zero\u200Bwidth",
            "tab\tnewline\nreturn\r bell\u0007",
            "NEAR(a b, 3) AND * ^ {content tags}: x");
    for (String text : texts) {
      Memory stored = insert(new NewMemory(new Content(text), Category.DEFAULT, text.substring(0, 4),
          text, Importance.DEFAULT, false), T0);

      Memory found = store.find(stored.id()).orElseThrow();
      assertThat(found.content()).as("content of %s", text).isEqualTo(text);
      assertThat(found.expandedKeywords()).as("keywords of %s", text).isEqualTo(text);
      assertThat(found.tags()).as("tags of %s", text).isEqualTo(text.substring(0, 4));
    }
  }

  @Test
  void contentOfTheFullLengthInSurrogatePairsIsStored() {
    String text = "😀".repeat(1_400);

    Memory stored = insert(NewMemory.of(text, ""), T0);

    assertThat(store.find(stored.id()).orElseThrow().content()).isEqualTo(text);
  }

  // --- update ---

  @Test
  void updateChangesOnlyTheGivenFieldsAndUpdatedAt() {
    Memory stored =
        insert(
            new NewMemory(
                new Content("Quasar builds need JDK 17"),
                Category.canonical("gotchas"),
                "build",
                "quasar jdk build",
                new Importance(0.4),
                false),
            T0);
    Instant later = T0.plus(Duration.ofMinutes(5));

    Optional<Memory> updated =
        store.write(
            writer ->
                writer.update(
                    stored.id(),
                    new MemoryPatch(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("build,jdk"),
                        Optional.empty(),
                        Optional.empty()),
                    later));

    Memory expected =
        new Memory(
            stored.id(),
            stored.serverId(),
            stored.content(),
            stored.category(),
            "build,jdk",
            stored.expandedKeywords(),
            stored.importance(),
            false,
            stored.createdAt(),
            Timestamps.format(later));
    assertThat(updated).contains(expected);
    assertThat(store.find(stored.id())).contains(expected);
  }

  @Test
  void updateOfEveryFieldIsReadBack() {
    Memory stored = insert(NewMemory.of("old words", "old"), T0);
    Instant later = T0.plusSeconds(1);

    store.write(
        writer ->
            writer.update(
                stored.id(),
                new MemoryPatch(
                    Optional.of(new Content("new words")),
                    Optional.of(Category.canonical("decisions")),
                    Optional.of("a,b"),
                    Optional.of(new Importance(0.9)),
                    Optional.of("fresh keywords")),
                later));

    Memory found = store.find(stored.id()).orElseThrow();
    assertThat(found.content()).isEqualTo("new words");
    assertThat(found.category().name()).isEqualTo("decisions");
    assertThat(found.tags()).isEqualTo("a,b");
    assertThat(found.importance()).isEqualTo(0.9);
    assertThat(found.expandedKeywords()).isEqualTo("fresh keywords");
    assertThat(found.createdAt()).isEqualTo(stored.createdAt());
    assertThat(found.updatedAt()).isEqualTo(Timestamps.format(later));
  }

  @Test
  void updateToCredentialContentMarksTheMemorySensitive() {
    Memory stored = insert(NewMemory.of("harmless", ""), T0);

    Memory updated =
        store
            .write(writer -> writer.update(stored.id(), contentPatch("api_key: AbC123xyz789"), T0))
            .orElseThrow();

    assertThat(updated.sensitive()).isTrue();
    assertThat(store.find(stored.id()).map(Memory::sensitive)).contains(true);
  }

  @Test
  void updateOfAnUnknownIdIsEmptyAndChangesNothing() {
    Memory stored = insert(NewMemory.of("stays", ""), T0);

    Optional<Memory> updated =
        store.write(writer -> writer.update(new MemoryId(987_654), contentPatch("changed"), T0));

    assertThat(updated).isEmpty();
    assertThat(store.find(stored.id())).contains(stored);
    assertThat(store.counts().total()).isEqualTo(1);
  }

  @Test
  void updatedContentIsFoundByItsNewWordsAndNoLongerByItsOld() {
    Memory stored = insert(NewMemory.of("the pelican service", ""), T0);

    store.write(writer -> writer.update(stored.id(), contentPatch("the heron service"), T0));

    assertThat(ids(searchAll("heron"))).containsExactly(stored.id());
    assertThat(searchAll("pelican")).isEmpty();
  }

  // --- delete ---

  @Test
  void deleteReturnsWhatWasDeletedAndTheMemoryIsGone() {
    Memory stored = insert(NewMemory.of("ephemeral ocelot note", "ocelot"), T0);

    Optional<Memory> deleted = store.write(writer -> writer.delete(stored.id()));

    assertThat(deleted).contains(stored);
    assertThat(store.find(stored.id())).isEmpty();
    assertThat(searchAll("ocelot")).isEmpty();
    assertThat(store.recent(Optional.empty(), 10)).isEmpty();
    assertThat(store.counts().total()).isZero();
  }

  @Test
  void deleteOfAnUnknownIdIsEmptyAndChangesNothing() {
    Memory stored = insert(NewMemory.of("stays", ""), T0);

    Optional<Memory> deleted = store.write(writer -> writer.delete(new MemoryId(987_654)));

    assertThat(deleted).isEmpty();
    assertThat(store.find(stored.id())).contains(stored);
  }

  // --- search ---

  @Test
  void allWordsQueryFindsOnlyRowsContainingEveryWord() {
    Memory both = insert(NewMemory.of("kestrel and marmalade together", ""), T0);
    insert(NewMemory.of("only kestrel here", ""), T0);
    insert(NewMemory.of("only marmalade here", ""), T0);

    List<Memory> found = searchAll("kestrel marmalade");

    assertThat(ids(found)).containsExactly(both.id());
  }

  @Test
  void anyWordQueryFindsRowsContainingEitherWord() {
    Memory both = insert(NewMemory.of("kestrel and marmalade together", ""), T0);
    Memory kestrel = insert(NewMemory.of("only kestrel here", ""), T0);
    Memory marmalade = insert(NewMemory.of("only marmalade here", ""), T0);
    insert(NewMemory.of("neither word", ""), T0);

    List<Memory> found = searchAny("kestrel marmalade");

    assertThat(ids(found))
        .containsExactlyInAnyOrder(both.id(), kestrel.id(), marmalade.id());
  }

  @Test
  void searchMatchesWordsInTagsExpandedKeywordsAndCategory() {
    Memory byTag =
        insert(
            new NewMemory(
                new Content("first"), Category.DEFAULT, "wombat", "", Importance.DEFAULT, false),
            T0);
    Memory byKeyword = insert(NewMemory.of("second", "narwhal"), T0);
    Memory byCategory =
        insert(
            new NewMemory(
                new Content("third"),
                Category.canonical("post-mortems"),
                "",
                "",
                Importance.DEFAULT,
                false),
            T0);

    assertThat(ids(searchAll("wombat"))).containsExactly(byTag.id());
    assertThat(ids(searchAll("narwhal"))).containsExactly(byKeyword.id());
    assertThat(ids(searchAll("mortems"))).containsExactly(byCategory.id());
  }

  @Test
  void searchIgnoresCase() {
    Memory latin = insert(NewMemory.of("The Kestrel Cluster", ""), T0);
    Memory cyrillic = insert(NewMemory.of("Сервер ПРИВЕТ", ""), T0);

    assertThat(ids(searchAll("kESTREL"))).containsExactly(latin.id());
    assertThat(ids(searchAll("привет"))).containsExactly(cyrillic.id());
  }

  @Test
  void searchNeverReturnsSensitiveMemories() {
    insert(NewMemory.of("kestrel password=hunter2", ""), T0);
    insert(
        new NewMemory(
            new Content("kestrel launch"), Category.DEFAULT, "", "", Importance.DEFAULT, true),
        T0);
    Memory visible = insert(NewMemory.of("kestrel is public", ""), T0);

    for (SortBy sortBy : SortBy.values()) {
      assertThat(ids(store.search(terms("kestrel").anyWordQuery(), Optional.empty(), sortBy, 100)))
          .as("sorted by %s", sortBy)
          .containsExactly(visible.id());
    }
  }

  @Test
  void searchKeepsToTheGivenCategory() {
    Memory decision =
        insert(
            new NewMemory(
                new Content("kestrel chosen"),
                Category.canonical("decisions"),
                "",
                "",
                Importance.DEFAULT,
                false),
            T0);
    insert(NewMemory.of("kestrel fact", ""), T0);

    List<Memory> found =
        store.search(
            terms("kestrel").allWordsQuery(),
            Optional.of(new Category("decisions")),
            SortBy.RELEVANCE,
            10);

    assertThat(ids(found)).containsExactly(decision.id());
  }

  @Test
  void searchReturnsAtMostTheLimit() {
    for (int i = 0; i < 7; i++) {
      insert(NewMemory.of("kestrel number " + i, ""), T0);
    }

    assertThat(
            store.search(terms("kestrel").allWordsQuery(), Optional.empty(), SortBy.RELEVANCE, 3))
        .hasSize(3);
  }

  @Test
  void searchByRecencyReturnsNewestFirst() {
    Memory middle = insert(NewMemory.of("kestrel two", ""), T0.plusSeconds(60));
    Memory oldest = insert(NewMemory.of("kestrel one", ""), T0);
    Memory newest = insert(NewMemory.of("kestrel three", ""), T0.plusSeconds(120));

    List<Memory> found =
        store.search(terms("kestrel").allWordsQuery(), Optional.empty(), SortBy.RECENCY, 10);

    assertThat(ids(found)).containsExactly(newest.id(), middle.id(), oldest.id());
  }

  @Test
  void withEqualTextTheMoreImportantMemoryRanksFirst() {
    Memory low = insert(withImportance("kestrel runbook entry", 0.1), T0);
    Memory high = insert(withImportance("kestrel runbook entry", 0.9), T0);
    Memory middle = insert(withImportance("kestrel runbook entry", 0.5), T0);

    for (SortBy sortBy : List.of(SortBy.RELEVANCE, SortBy.IMPORTANCE)) {
      assertThat(ids(store.search(terms("kestrel").allWordsQuery(), Optional.empty(), sortBy, 10)))
          .as("sorted by %s", sortBy)
          .containsExactly(high.id(), middle.id(), low.id());
    }
  }

  @Test
  void queryOperatorsAndSyntaxInUserTextAreLiteralWords() {
    Memory literal = insert(NewMemory.of("write NEAR(kestrel marmalade, 3) literally", ""), T0);
    insert(NewMemory.of("kestrel and marmalade, far apart: 3", ""), T0);
    Memory column = insert(NewMemory.of("the content: kestrel field", ""), T0);

    assertThat(ids(searchAll("NEAR(kestrel marmalade, 3)"))).containsExactly(literal.id());
    assertThat(ids(searchAll("content:kestrel"))).containsExactly(column.id());
  }

  @Test
  void hostileQueriesRunWithoutError() {
    insert(NewMemory.of("kestrel AND OR NOT quote\"s (parens) * ^ : - +", "x"), T0);
    List<String> hostile =
        List.of(
            "\"unbalanced",
            "a\"b\"\"c",
            "AND OR NOT NEAR",
            "NEAR(a b, 3)",
            "kestrel*",
            "^kestrel",
            "content:kestrel",
            "{content tags}: kestrel",
            "-kestrel +kestrel",
            "((kestrel)",
            "'; DROP TABLE memories; --",
            "🎉 👩‍👩‍👧 中文 العربية e\u0301",
            "x".repeat(5_000));
    for (String text : hostile) {
      SearchTerms terms = terms(text);
      if (terms.isEmpty()) {
        continue;
      }
      for (String query : List.of(terms.allWordsQuery(), terms.anyWordQuery())) {
        for (SortBy sortBy : SortBy.values()) {
          List<Memory> found = store.search(query, Optional.empty(), sortBy, 10);
          assertThat(found).as("query %s", query).allMatch(memory -> !memory.sensitive());
        }
      }
    }
    assertThat(ids(searchAll("\"unbalanced kestrel"))).isEmpty();
    assertThat(searchAll("kestrel* ^kestrel")).hasSize(1);
  }

  // --- recent ---

  @Test
  void recentReturnsNewestFirstWithoutSensitiveMemories() {
    Memory oldest = insert(NewMemory.of("one", ""), T0);
    insert(NewMemory.of("token=abc123def456", ""), T0.plusSeconds(30));
    Memory newest = insert(NewMemory.of("three", ""), T0.plusSeconds(60));
    Memory middle = insert(NewMemory.of("two", ""), T0.plusSeconds(10));

    assertThat(ids(store.recent(Optional.empty(), 10)))
        .containsExactly(newest.id(), middle.id(), oldest.id());
    assertThat(ids(store.recent(Optional.empty(), 2))).containsExactly(newest.id(), middle.id());
  }

  @Test
  void recentOrdersByCreationNotByLastUpdate() {
    Memory older = insert(NewMemory.of("older", ""), T0);
    Memory newer = insert(NewMemory.of("newer", ""), T0.plusSeconds(10));
    store.write(writer -> writer.update(older.id(), contentPatch("older, edited"), T0.plusSeconds(20)));

    assertThat(ids(store.recent(Optional.empty(), 10))).containsExactly(newer.id(), older.id());
    assertThat(ids(store.search(terms("older newer").anyWordQuery(), Optional.empty(),
            SortBy.RECENCY, 10)))
        .containsExactly(newer.id(), older.id());
  }

  @Test
  void recentKeepsToTheGivenCategory() {
    insert(NewMemory.of("a fact", ""), T0);
    Memory person =
        insert(
            new NewMemory(
                new Content("a person"),
                Category.canonical("people"),
                "",
                "",
                Importance.DEFAULT,
                false),
            T0.plusSeconds(1));

    assertThat(ids(store.recent(Optional.of(new Category("people")), 10)))
        .containsExactly(person.id());
  }

  // --- counts ---

  @Test
  void countsAreTotalAndPerCategorySensitiveIncluded() {
    insert(NewMemory.of("fact one", ""), T0);
    insert(NewMemory.of("password=hunter2", ""), T0);
    insert(NewMemory.of("fact three", ""), T0);
    insert(
        new NewMemory(
            new Content("a gotcha"), Category.canonical("bug"), "", "", Importance.DEFAULT, false),
        T0);

    MemoryCounts counts = store.counts();

    assertThat(counts.total()).isEqualTo(4);
    assertThat(counts.byCategory()).containsExactly(entry("facts", 3L), entry("gotchas", 1L));
  }

  @Test
  void countsOfAnEmptyStoreAreZero() {
    assertThat(store.counts()).isEqualTo(new MemoryCounts(0, java.util.Map.of()));
  }

  // --- transactions ---

  @Test
  void writeReturnsWhatItsWorkReturnsAndSeesItsOwnChanges() {
    Optional<Memory> seenInside =
        store.write(
            writer -> {
              Memory memory = writer.insert(NewMemory.of("inside", ""), T0);
              return writer.find(memory.id());
            });

    assertThat(seenInside).isPresent();
    assertThat(store.find(seenInside.get().id())).isEqualTo(seenInside);
  }

  @Test
  void aThrowingWriteChangesNothingAndItsExceptionReachesTheCaller() {
    Memory kept = insert(NewMemory.of("kept kestrel", ""), T0);
    IllegalStateException failure = new IllegalStateException("work failed");

    assertThatThrownBy(
            () ->
                store.write(
                    writer -> {
                      writer.insert(NewMemory.of("lost kestrel", ""), T0);
                      writer.update(kept.id(), contentPatch("changed"), T0.plusSeconds(1));
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThatThrownBy(
            () ->
                store.write(
                    writer -> {
                      writer.delete(kept.id());
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(store.find(kept.id())).contains(kept);
    assertThat(store.counts().total()).isEqualTo(1);
    assertThat(ids(searchAll("kestrel"))).containsExactly(kept.id());
    assertThat(ids(store.recent(Optional.empty(), 10))).containsExactly(kept.id());
  }

  @Test
  void everyRowSurvivesReopening() {
    Memory first = insert(NewMemory.of("kestrel first", ""), T0);
    Memory second = insert(NewMemory.of("kestrel second", ""), T0.plusSeconds(1));
    store.write(writer -> writer.update(first.id(), contentPatch("kestrel first, edited"), T0));

    store = reopen(store);

    assertThat(store.find(second.id())).contains(second);
    assertThat(store.find(first.id()).map(Memory::content)).contains("kestrel first, edited");
    assertThat(ids(searchAll("kestrel"))).containsExactlyInAnyOrder(first.id(), second.id());
  }

  // --- helpers ---

  protected final Memory insert(NewMemory memory, Instant now) {
    return store.write(writer -> writer.insert(memory, now));
  }

  protected static SearchTerms terms(String text) {
    return SearchTerms.of(text, "");
  }

  private List<Memory> searchAll(String text) {
    return store.search(terms(text).allWordsQuery(), Optional.empty(), SortBy.RELEVANCE, 100);
  }

  private List<Memory> searchAny(String text) {
    return store.search(terms(text).anyWordQuery(), Optional.empty(), SortBy.RELEVANCE, 100);
  }

  protected static List<MemoryId> ids(List<Memory> memories) {
    return memories.stream().map(Memory::id).collect(Collectors.toList());
  }

  private static MemoryPatch contentPatch(String content) {
    return new MemoryPatch(
        Optional.of(new Content(content)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  private static NewMemory withImportance(String content, double importance) {
    return new NewMemory(
        new Content(content), Category.DEFAULT, "", "", new Importance(importance), false);
  }

  private static java.util.Map.Entry<String, Long> entry(String name, long count) {
    return java.util.Map.entry(name, count);
  }
}
