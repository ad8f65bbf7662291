package dev.claudememory.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.ContentKey;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.ImportedMemory;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.QuantizedVector;
import dev.claudememory.core.memory.StoredVector;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.recall.SearchTerms;
import dev.claudememory.core.recall.SortBy;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.sync.IdempotencyKey;
import dev.claudememory.core.sync.OpKind;
import dev.claudememory.core.sync.PendingOp;
import dev.claudememory.core.sync.SendWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoryStore} must do, run against the in-memory fake and the SQLite adapter:
 * memories and search, and the sync engine's tables (outbox, sync values, lease, server ids), all
 * inside transactions that commit together or not at all.
 *
 * <p>Search assertions hold for real FTS5 with bm25 as much as for the fake: rows containing the
 * words match, rows without them do not, sensitive rows match by their open columns only, and
 * order is asserted only where bm25 cannot tell the rows apart (identical text), does not matter
 * (recency), or where one hit more must outweigh a small difference in importance. The
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
  void aSensitiveMemoryIsFoundByItsCategoryTagsAndKeywordsButNeverByItsContent() {
    Memory secret =
        insert(
            new NewMemory(
                new Content("kestrel password=hunter2"),
                Category.canonical("infrastructure"),
                "vault,ops",
                "credentials database login",
                Importance.DEFAULT,
                false),
            T0);
    Memory forced =
        insert(new NewMemory(new Content("kestrel launch"), Category.DEFAULT, "", "", Importance.DEFAULT, true), T0);
    Memory visible = insert(NewMemory.of("kestrel is public", ""), T0);

    assertThat(secret.sensitive()).isTrue();
    for (SortBy sortBy : SortBy.values()) {
      assertThat(ids(store.search(terms("kestrel").anyWordQuery(), Optional.empty(), sortBy, 100)))
          .as("a word of the secrets, sorted by %s", sortBy)
          .containsExactly(visible.id());
      assertThat(store.search(terms("hunter2 launch").anyWordQuery(), Optional.empty(), sortBy, 100))
          .as("other words of the secrets, sorted by %s", sortBy)
          .isEmpty();
      assertThat(ids(store.search(terms("vault").allWordsQuery(), Optional.empty(), sortBy, 100)))
          .as("a tag, sorted by %s", sortBy)
          .containsExactly(secret.id());
    }
    assertThat(ids(searchAll("login"))).containsExactly(secret.id());
    assertThat(ids(searchAll("infrastructure"))).containsExactly(secret.id());
    assertThat(ids(searchAll("facts kestrel"))).containsExactly(visible.id());
    assertThat(searchAll("vault hunter2")).isEmpty();
    assertThat(ids(searchAny("vault hunter2"))).containsExactly(secret.id());
    assertThat(ids(store.search(terms("vault").allWordsQuery(), Optional.of(new Category("infrastructure")),
            SortBy.RELEVANCE, 10)))
        .containsExactly(secret.id());
    assertThat(forced.sensitive()).isTrue();
  }

  @Test
  void aSensitiveMemorysContentAddsNothingToItsRank() {
    for (int i = 0; i < 16; i++) {
      insert(NewMemory.of("filler note number " + i, ""), T0); // so that bm25 weighs the word
    }
    // same tags and length; only the less important one holds the word in its content too
    Memory wordInContent = insert(withTags("kestrel password=hunter2", 0.5, true), T0);
    Memory wordInTagsOnly = insert(withTags("marmala password=hunter2", 0.55, true), T0);
    Memory openWordInContent = insert(withTags("kestrel deploys friday", 0.5, false), T0);
    Memory openWordInTagsOnly = insert(withTags("marmala deploys friday", 0.55, false), T0);

    for (SortBy sortBy : List.of(SortBy.RELEVANCE, SortBy.IMPORTANCE)) {
      List<MemoryId> found = ids(store.search(terms("kestrel").allWordsQuery(), Optional.empty(), sortBy, 10));
      // the word in an open memory's content outweighs the importance; in a secret it weighs nothing
      assertThat(found.indexOf(wordInTagsOnly.id()))
          .as("sorted by %s: %s", sortBy, found)
          .isLessThan(found.indexOf(wordInContent.id()));
      assertThat(found.indexOf(openWordInContent.id()))
          .as("sorted by %s: %s", sortBy, found)
          .isLessThan(found.indexOf(openWordInTagsOnly.id()));
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

  // --- fragments of text written without spaces ---

  @Test
  void fragmentSearchFindsTextInsideAWord() {
    Memory migration = insert(NewMemory.of("数据库迁移在周二进行", ""), T0);
    insert(NewMemory.of("午饭在十二点", ""), T0);

    assertThat(ids(searchFragments("数据", "据库"))).containsExactly(migration.id());
    assertThat(ids(searchFragments("周二"))).containsExactly(migration.id());
  }

  @Test
  void fragmentSearchLooksInTagsAndKeywordsToo() {
    Memory tagged =
        insert(new NewMemory(new Content("the schema change"), Category.DEFAULT, "数据库,运维", "", Importance.DEFAULT, false), T0);
    Memory withKeywords =
        insert(new NewMemory(new Content("the schema change"), Category.DEFAULT, "", "迁移 周二", Importance.DEFAULT, false), T0);
    insert(NewMemory.of("the schema change", ""), T0);

    assertThat(ids(searchFragments("据库"))).containsExactly(tagged.id());
    assertThat(ids(searchFragments("周二"))).containsExactly(withKeywords.id());
  }

  @Test
  void fragmentSearchRanksByHowManyDistinctFragmentsAMemoryHolds() {
    Memory one = insert(NewMemory.of("数据，数据，数据，数据", ""), T0);
    Memory all = insert(NewMemory.of("数据库迁移", ""), T0);
    Memory two = insert(NewMemory.of("数据库", ""), T0);

    for (SortBy sortBy : List.of(SortBy.RELEVANCE, SortBy.IMPORTANCE)) {
      assertThat(ids(store.searchFragments(List.of("数据", "据库", "迁移"), Optional.empty(), sortBy, 10)))
          .as("sorted by %s", sortBy)
          .containsExactly(all.id(), two.id(), one.id());
    }
  }

  @Test
  void withEqualFragmentsTheMoreImportantMemoryRanksFirst() {
    Memory low = insert(withImportance("周二开会", 0.1), T0);
    Memory high = insert(withImportance("周二开会", 0.9), T0);
    Memory middle = insert(withImportance("周二开会", 0.5), T0);

    for (SortBy sortBy : List.of(SortBy.RELEVANCE, SortBy.IMPORTANCE)) {
      assertThat(ids(store.searchFragments(List.of("周二"), Optional.empty(), sortBy, 10)))
          .as("sorted by %s", sortBy)
          .containsExactly(high.id(), middle.id(), low.id());
    }
  }

  @Test
  void fragmentSearchByRecencyReturnsNewestFirst() {
    Memory middle = insert(withImportance("周二 二", 0.1), T0.plusSeconds(60));
    Memory oldest = insert(withImportance("周二 一", 0.9), T0);
    Memory newest = insert(withImportance("周二 三", 0.5), T0.plusSeconds(120));

    assertThat(ids(store.searchFragments(List.of("周二"), Optional.empty(), SortBy.RECENCY, 10)))
        .containsExactly(newest.id(), middle.id(), oldest.id());
  }

  @Test
  void fragmentSearchNeverReturnsSensitiveMemories() {
    insert(NewMemory.of("数据库密码 password=hunter2", ""), T0);
    insert(new NewMemory(new Content("数据库在周二迁移"), Category.DEFAULT, "", "", Importance.DEFAULT, true), T0);
    Memory visible = insert(NewMemory.of("数据库是公开的", ""), T0);

    for (SortBy sortBy : SortBy.values()) {
      assertThat(ids(store.searchFragments(List.of("数据", "据库"), Optional.empty(), sortBy, 100)))
          .as("sorted by %s", sortBy)
          .containsExactly(visible.id());
    }
  }

  @Test
  void fragmentSearchKeepsToTheGivenCategoryAndLimit() {
    Memory decision =
        insert(new NewMemory(new Content("周二决定"), Category.canonical("decisions"), "", "", Importance.DEFAULT, false), T0);
    for (int i = 0; i < 5; i++) {
      insert(NewMemory.of("周二 " + i, ""), T0);
    }

    assertThat(ids(store.searchFragments(List.of("周二"), Optional.of(new Category("decisions")), SortBy.RELEVANCE, 10)))
        .containsExactly(decision.id());
    assertThat(store.searchFragments(List.of("周二"), Optional.empty(), SortBy.RELEVANCE, 3)).hasSize(3);
  }

  @Test
  void fragmentsAreLiteralTextNotPatterns() {
    insert(NewMemory.of("数据库迁移", ""), T0);
    Memory percent = insert(NewMemory.of("周二 100% 完成", ""), T0);

    assertThat(ids(searchFragments("%"))).containsExactly(percent.id());
    assertThat(searchFragments("_")).isEmpty();
    assertThat(searchFragments("数*")).isEmpty();
  }

  @Test
  void noFragmentsOrEmptyOnesFindNothing() {
    insert(NewMemory.of("数据库迁移", ""), T0);

    assertThat(store.searchFragments(List.of(), Optional.empty(), SortBy.RELEVANCE, 10)).isEmpty();
    assertThat(searchFragments("")).isEmpty();
  }

  // --- recent ---

  @Test
  void recentReturnsNewestFirstSensitiveMemoriesIncluded() {
    Memory oldest = insert(NewMemory.of("one", ""), T0);
    Memory secret = insert(NewMemory.of("token=abc123def456", ""), T0.plusSeconds(30));
    Memory newest = insert(NewMemory.of("three", ""), T0.plusSeconds(60));
    Memory middle = insert(NewMemory.of("two", ""), T0.plusSeconds(10));

    assertThat(secret.sensitive()).isTrue();
    assertThat(ids(store.recent(Optional.empty(), 10)))
        .containsExactly(newest.id(), secret.id(), middle.id(), oldest.id());
    assertThat(ids(store.recent(Optional.empty(), 2))).containsExactly(newest.id(), secret.id());
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

  // --- outbox ---

  @Test
  void aNewStoreHasNoQueuedOpsNoSyncValuesNoLeaseHolderAndNoLegacyOps() {
    store.write(
        writer -> {
          assertThat(writer.outbox().all()).isEmpty();
          assertThat(writer.outbox().due(T0.plus(Duration.ofDays(365)), 10)).isEmpty();
          assertThat(writer.outbox().takeLegacyOps()).isEmpty();
          assertThat(writer.syncState().get("last_sync_ts")).isEmpty();
          return null;
        });

    assertThat(acquire("anyone", T0)).isTrue();
  }

  @Test
  void aSavedOpGetsAnIdAndIsFoundByIdAndByItsMemory() {
    Memory memory = insert(NewMemory.of("queued kestrel", ""), T0);

    PendingOp saved = save(createOp(memory.id(), T0));

    assertThat(saved.id()).isPositive();
    assertThat(saved).isEqualTo(withId(createOp(memory.id(), T0), saved.id()));
    assertThat(opById(saved.id())).contains(saved);
    assertThat(opFor(memory.id())).contains(saved);
    assertThat(opFor(new MemoryId(987_654))).isEmpty();
    assertThat(opById(saved.id() + 1_000)).isEmpty();
  }

  @Test
  void everyFieldOfAnOpRoundTripsIncludingMicrosecondsAndSurvivesReopening() {
    Memory memory = insert(NewMemory.of("a memory with a busy op", ""), T0);
    PendingOp full =
        new PendingOp(
            0,
            Optional.of(memory.id()),
            OpKind.UPDATE,
            Optional.of(new ServerId(9_007_199_254_740_993L)),
            new IdempotencyKey("6f1c0e4e-8a51-4d1b-9a0e-5f3c2b1a0d9e"),
            7,
            3,
            T0.plusNanos(1_000),
            Optional.of("sent 😀 'single' \"double\"\nsecond line\t中文"),
            Optional.of("tags, 'quoted'\nrelated terms 😀"),
            Optional.of(new SendWindow(
                T0.minusSeconds(3).plusNanos(2_000), Optional.of(T0.minusSeconds(2).plusNanos(3_000)))),
            Optional.of("HTTP 503: the server is busy"),
            Optional.of("HTTP 422: tags longer than 500 characters"),
            T0.minus(Duration.ofDays(400)).plusNanos(999_000));

    PendingOp saved = save(full);

    assertThat(saved).isEqualTo(withId(full, saved.id()));
    assertThat(opById(saved.id())).contains(saved);
    store = reopen(store);
    assertThat(opById(saved.id())).contains(saved);
    assertThat(outbox(Outbox::all)).containsExactly(saved);
  }

  @Test
  void anOpWithEveryOptionalFieldAbsentRoundTrips() {
    PendingOp bare =
        new PendingOp(
            0,
            Optional.empty(),
            OpKind.DELETE,
            Optional.empty(),
            new IdempotencyKey("k"),
            1,
            0,
            T0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            T0);

    PendingOp saved = save(bare);

    assertThat(opById(saved.id())).contains(withId(bare, saved.id()));
  }

  @Test
  void savingAnOpWithItsIdReplacesItWithoutAddingAnother() {
    Memory memory = insert(NewMemory.of("edited while queued", ""), T0);
    PendingOp saved = save(createOp(memory.id(), T0));
    PendingOp changed =
        saved
            .merged(T0.plusSeconds(5))
            .withKind(OpKind.UPDATE)
            .withServerId(Optional.of(new ServerId(77)))
            .withUnconfirmedContent(Optional.of("sent text"))
            .attempted()
            .failed("timed out", T0.plusSeconds(65));

    PendingOp replaced = save(changed);

    assertThat(replaced).isEqualTo(changed);
    assertThat(outbox(Outbox::all)).containsExactly(changed);
    assertThat(opFor(memory.id())).contains(changed);
  }

  @Test
  void eachNewOpGetsAGreaterIdAndIdsAreNotReusedAfterRemove() {
    Memory one = insert(NewMemory.of("one", ""), T0);
    Memory two = insert(NewMemory.of("two", ""), T0);
    Memory three = insert(NewMemory.of("three", ""), T0);

    PendingOp first = save(createOp(one.id(), T0));
    PendingOp second = save(createOp(two.id(), T0));
    store.write(
        writer -> {
          writer.outbox().remove(second.id());
          return null;
        });
    PendingOp third = save(createOp(three.id(), T0));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(third.id()).isGreaterThan(second.id());
  }

  @Test
  void aMemoryHasAtMostOneQueuedOp() {
    Memory memory = insert(NewMemory.of("one op only", ""), T0);
    PendingOp first = save(createOp(memory.id(), T0));

    assertThatThrownBy(() -> save(createOp(memory.id(), T0.plusSeconds(1))))
        .isInstanceOf(RuntimeException.class);

    assertThat(outbox(Outbox::all)).containsExactly(first);
  }

  @Test
  void deleteOfFindsOnlyTheQueuedDeleteOfThatServerId() {
    Memory updated = insert(NewMemory.of("updated", ""), T0);
    PendingOp update =
        save(createOp(updated.id(), T0).withKind(OpKind.UPDATE).withServerId(server(11)));
    PendingOp delete = save(deleteOp(Optional.of(new MemoryId(987_654)), 12, T0));
    PendingOp legacyDelete = save(deleteOp(Optional.empty(), 13, T0));

    assertThat(deleteOf(12)).contains(delete);
    assertThat(deleteOf(13)).contains(legacyDelete);
    assertThat(deleteOf(11)).isEmpty();
    assertThat(deleteOf(14)).isEmpty();
    assertThat(outbox(Outbox::all)).containsExactly(update, delete, legacyDelete);
  }

  @Test
  void aDeleteOpOutlivesItsMemoryAndAnOpNeedsNoMemory() {
    Memory memory = insert(NewMemory.of("soon gone", ""), T0);
    store.write(writer -> writer.delete(memory.id()));

    PendingOp delete = save(deleteOp(Optional.of(memory.id()), 21, T0));
    PendingOp orphan = save(deleteOp(Optional.empty(), 22, T0));

    assertThat(opFor(memory.id())).contains(delete);
    assertThat(outbox(Outbox::all)).containsExactly(delete, orphan);
  }

  @Test
  void dueHoldsOpsWhoseTimeHasComeOldestFirstWithoutParkedOrFutureOnes() {
    Instant now = T0.plusSeconds(30);
    PendingOp oldestDueLast = save(createOp(insert(NewMemory.of("a", ""), T0).id(), T0)
        .failed("busy", now));
    PendingOp newerDueFirst = save(createOp(insert(NewMemory.of("b", ""), T0).id(), T0.plusSeconds(1)));
    PendingOp parked = save(createOp(insert(NewMemory.of("c", ""), T0).id(), T0.plusSeconds(2))
        .parked("HTTP 422: unknown category"));
    PendingOp future = save(createOp(insert(NewMemory.of("d", ""), T0).id(), T0.plusSeconds(3))
        .failed("busy", now.plusNanos(1_000)));
    PendingOp newestDue = save(deleteOp(Optional.empty(), 31, T0.plusSeconds(4)));

    assertThat(due(now, 10))
        .containsExactly(oldestDueLast, newerDueFirst, newestDue);
    assertThat(due(now.minusNanos(1_000), 10))
        .containsExactly(newerDueFirst, newestDue);
    assertThat(due(now.plusNanos(1_000), 10))
        .containsExactly(oldestDueLast, newerDueFirst, future, newestDue);
    assertThat(outbox(Outbox::all))
        .containsExactly(oldestDueLast, newerDueFirst, parked, future, newestDue);
  }

  @Test
  void dueReturnsAtMostMaxOfTheOldest() {
    List<PendingOp> saved = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Memory memory = insert(NewMemory.of("op " + i, ""), T0);
      saved.add(save(createOp(memory.id(), T0.plusSeconds(i))));
    }

    assertThat(due(T0.plusSeconds(10), 2))
        .containsExactly(saved.get(0), saved.get(1));
  }

  @Test
  void aParkedOpIsDueAgainOnceRetried() {
    Memory memory = insert(NewMemory.of("refused once", ""), T0);
    PendingOp parked = save(createOp(memory.id(), T0).parked("HTTP 422: bad tags"));

    PendingOp retried = save(parked.retried(T0.plusSeconds(60)));

    assertThat(due(T0.plusSeconds(60), 10)).containsExactly(retried);
    assertThat(retried.isParked()).isFalse();
  }

  @Test
  void removeTakesOutOnlyThatOpAndAnUnknownIdChangesNothing() {
    PendingOp kept = save(createOp(insert(NewMemory.of("kept", ""), T0).id(), T0));
    PendingOp removed = save(createOp(insert(NewMemory.of("removed", ""), T0).id(), T0));

    store.write(
        writer -> {
          writer.outbox().remove(removed.id());
          writer.outbox().remove(removed.id() + 1_000);
          return null;
        });

    assertThat(outbox(Outbox::all)).containsExactly(kept);
    assertThat(opById(removed.id())).isEmpty();
    assertThat(opFor(removed.memoryId().orElseThrow())).isEmpty();
  }

  @Test
  void aWriteThatThrowsAfterSavingAnOpLeavesNoOpAndUndoesItsOtherQueueChanges() {
    Memory memory = insert(NewMemory.of("kestrel queued", ""), T0);
    PendingOp existing = save(createOp(memory.id(), T0));
    IllegalStateException failure = new IllegalStateException("work failed");

    assertThatThrownBy(
            () ->
                store.write(
                    writer -> {
                      Memory inserted = writer.insert(NewMemory.of("kestrel lost", ""), T0);
                      writer.outbox().save(createOp(inserted.id(), T0));
                      writer.outbox().remove(existing.id());
                      writer.outbox().save(deleteOp(Optional.empty(), 41, T0));
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(outbox(Outbox::all)).containsExactly(existing);
    assertThat(store.counts().total()).isEqualTo(1);
  }

  // --- sync state ---

  @Test
  void syncValuesArePutReplacedAndRemoved() {
    store.write(
        writer -> {
          writer.syncState().put("last_sync_ts", "2026-11-24T21:47:33.680389+00:00");
          writer.syncState().put("claude_memory.last_error", "HTTP 503 😀");
          return null;
        });
    store.write(
        writer -> {
          writer.syncState().put("last_sync_ts", "2026-11-25T00:00:00.000001+00:00");
          writer.syncState().remove("claude_memory.last_error");
          writer.syncState().remove("never.set");
          return null;
        });

    assertThat(syncValue("last_sync_ts")).contains("2026-11-25T00:00:00.000001+00:00");
    assertThat(syncValue("claude_memory.last_error")).isEmpty();
  }

  @Test
  void syncValuesSurviveReopeningAndAThrowingWriteLeavesThemAsTheyWere() {
    store.write(
        writer -> {
          writer.syncState().put("last_sync_ts", "2026-11-24T21:47:33.680389+00:00");
          return null;
        });
    IllegalStateException failure = new IllegalStateException("work failed");

    assertThatThrownBy(
            () ->
                store.write(
                    writer -> {
                      writer.syncState().put("last_sync_ts", "changed");
                      writer.syncState().put("added", "value");
                      throw failure;
                    }))
        .isSameAs(failure);
    store = reopen(store);

    assertThat(syncValue("last_sync_ts")).contains("2026-11-24T21:47:33.680389+00:00");
    assertThat(syncValue("added")).isEmpty();
  }

  // --- lease ---

  @Test
  void aFreeLeaseIsTakenAndItsHolderRenewsIt() {
    assertThat(acquire("process-a", T0)).isTrue();
    assertThat(acquire("process-a", T0.plusSeconds(30))).isTrue();
  }

  @Test
  void anotherHolderIsRefusedUntilTheLeaseExpires() {
    acquire("process-a", T0);

    assertThat(acquire("process-b", T0)).isFalse();
    assertThat(acquire("process-b", T0.plus(LEASE).minusMillis(1))).isFalse();
    assertThat(acquire("process-b", T0.plus(LEASE).plusMillis(1))).isTrue();
    assertThat(acquire("process-a", T0.plus(LEASE).plusMillis(2))).isFalse();
  }

  @Test
  void renewingMovesTheExpiryOn() {
    acquire("process-a", T0);
    acquire("process-a", T0.plusSeconds(50));

    assertThat(acquire("process-b", T0.plus(LEASE).plusSeconds(1))).isFalse();
    assertThat(acquire("process-b", T0.plusSeconds(50).plus(LEASE).plusMillis(1))).isTrue();
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndOnlyItsHolderCanReleaseIt() {
    acquire("process-a", T0);

    release("process-b");
    assertThat(acquire("process-b", T0.plusSeconds(1))).isFalse();
    release("process-a");
    assertThat(acquire("process-b", T0.plusSeconds(2))).isTrue();
  }

  @Test
  void theLeaseHolderIsNamedUntilTheLeaseExpiresOrIsReleased() {
    assertThat(holder(T0)).isEmpty();
    acquire("pid 1234 a", T0);

    assertThat(holder(T0.plus(LEASE).minusMillis(1))).contains("pid 1234 a");
    assertThat(holder(T0.plus(LEASE))).isEmpty();
    release("pid 1234 a");
    assertThat(holder(T0)).isEmpty();
  }

  @Test
  void aLeaseTakenInAThrowingWriteIsNotTakenAndAHeldLeaseSurvivesReopening() {
    IllegalStateException failure = new IllegalStateException("work failed");
    assertThatThrownBy(
            () ->
                store.write(
                    writer -> {
                      writer.syncState().acquireLease("process-a", T0, LEASE);
                      throw failure;
                    }))
        .isSameAs(failure);
    assertThat(acquire("process-b", T0.plusSeconds(1))).isTrue();

    store = reopen(store);

    assertThat(acquire("process-a", T0.plusSeconds(2))).isFalse();
  }

  // --- server ids ---

  @Test
  void assignServerIdRecordsTheServerIdAndCategoryAndKeepsTheRest() {
    Memory memory =
        insert(
            new NewMemory(
                new Content("kestrel stored"),
                Category.canonical("gotchas"),
                "k",
                "kestrel words",
                new Importance(0.3),
                false),
            T0);

    store.write(
        writer -> {
          writer.assignServerId(memory.id(), new ServerId(4_242), new Category("incidents"));
          return null;
        });

    Memory expected =
        new Memory(
            memory.id(),
            server(4_242),
            memory.content(),
            new Category("incidents"),
            memory.tags(),
            memory.expandedKeywords(),
            memory.importance(),
            memory.sensitive(),
            memory.createdAt(),
            memory.updatedAt());
    assertThat(store.find(memory.id())).contains(expected);
    assertThat(byServerId(4_242)).contains(expected);
    assertThat(byServerId(4_243)).isEmpty();
  }

  @Test
  void aServerIdBelongsToOneMemoryOnly() {
    Memory first = insert(NewMemory.of("first", ""), T0);
    Memory second = insert(NewMemory.of("second", ""), T0);
    assign(first, 5);

    assertThatThrownBy(() -> assign(second, 5)).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(
            () -> store.write(writer -> writer.insertFromServer(remote(5, "pulled", false))))
        .isInstanceOf(RuntimeException.class);

    assertThat(store.find(second.id()).orElseThrow().serverId()).isEmpty();
    assertThat(store.counts().total()).isEqualTo(2);
  }

  // --- vectors of meaning ---

  @Test
  void aMemoryHasNoVectorUntilOneIsPutAndThenItIsListedAfterEarlierOnes() {
    Memory first = insert(NewMemory.of("first to embed", ""), T0);
    Memory second = insert(NewMemory.of("second to embed", ""), T0);
    assertThat(withoutVector("m1")).extracting(Memory::id).containsExactly(first.id(), second.id());

    QuantizedVector one = QuantizedVector.of(new float[] {0.6f, -0.8f, 0f});
    QuantizedVector two = QuantizedVector.of(new float[] {0f, 1f, 0f});
    assertThat(putVector(second, "m1", two)).isTrue();
    assertThat(putVector(first, "m1", one)).isTrue();

    assertThat(withoutVector("m1")).isEmpty();
    assertThat(withoutVector("another model")).hasSize(2);
    List<StoredVector> stored = vectorsAfter("m1", 0);
    assertThat(stored).extracting(StoredVector::memoryId).containsExactly(second.id(), first.id());
    assertThat(stored.get(1).vector()).isEqualTo(one);
    assertThat(stored.get(1).sequence()).isGreaterThan(stored.get(0).sequence());
    assertThat(vectorsAfter("m1", stored.get(0).sequence()))
        .extracting(StoredVector::memoryId).containsExactly(first.id());
    assertThat(vectorCount("m1")).isEqualTo(2L);
  }

  @Test
  void aVectorGoesWhenItsMemoryIsDeletedOrItsTextChangesButNotForOtherFields() {
    Memory deleted = insert(NewMemory.of("deleted later", ""), T0);
    Memory edited = insert(NewMemory.of("edited later", ""), T0);
    Memory assigned = insert(NewMemory.of("linked to the server later", ""), T0);
    QuantizedVector vector = QuantizedVector.of(new float[] {1f, 0f});
    putVector(deleted, "m1", vector);
    putVector(edited, "m1", vector);
    putVector(assigned, "m1", vector);

    store.write(writer -> {
      writer.delete(deleted.id());
      writer.update(edited.id(), new MemoryPatch(Optional.of(new Content("edited now")), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty()), T0.plusSeconds(1));
      writer.assignServerId(assigned.id(), new ServerId(77), Category.canonical("facts"));
      return null;
    });

    assertThat(withoutVector("m1")).extracting(Memory::id).containsExactly(edited.id());
    assertThat(vectorCount("m1")).isEqualTo(1L);
  }

  @Test
  void aVectorOfTextThatChangedSinceItWasReadIsNotStored() {
    Memory memory = insert(NewMemory.of("read for embedding", ""), T0);
    store.write(writer -> writer.update(memory.id(), new MemoryPatch(Optional.of(new Content("changed meanwhile")),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), T0.plusSeconds(5)));

    assertThat(putVector(memory, "m1", QuantizedVector.of(new float[] {1f}))).isFalse();
    boolean storedForNoMemory = store.write(writer -> writer.putVector(new MemoryId(9_999), memory.updatedAt(), "m1",
        QuantizedVector.of(new float[] {1f})));
    assertThat(storedForNoMemory).isFalse();
    assertThat(withoutVector("m1")).extracting(Memory::id).containsExactly(memory.id());
  }

  @Test
  void memoriesWithoutAVectorAreListedFromAfterTheGivenIdLowestFirst() {
    Memory first = insert(NewMemory.of("first to embed", ""), T0);
    Memory second = insert(NewMemory.of("second to embed", ""), T0);
    Memory third = insert(NewMemory.of("third to embed", ""), T0);
    Memory fourth = insert(NewMemory.of("fourth to embed", ""), T0);
    putVector(third, "m1", QuantizedVector.of(new float[] {1f, 0f}));

    assertThat(withoutVector("m1", first.id(), 100))
        .extracting(Memory::id).containsExactly(second.id(), fourth.id());
    assertThat(withoutVector("m1", first.id(), 1))
        .extracting(Memory::id).containsExactly(second.id());
    assertThat(withoutVector("m1", fourth.id(), 100)).isEmpty();
  }

  private List<Memory> withoutVector(String modelId) {
    return store.read(reader -> reader.withoutVector(modelId, 0, 100));
  }

  private List<Memory> withoutVector(String modelId, MemoryId after, int max) {
    return store.read(reader -> reader.withoutVector(modelId, after.value(), max));
  }

  private List<StoredVector> vectorsAfter(String modelId, long sequence) {
    return store.read(reader -> reader.vectorsAfter(modelId, sequence, 10));
  }

  private long vectorCount(String modelId) {
    return store.read(reader -> reader.vectorCount(modelId));
  }

  private boolean putVector(Memory memory, String modelId, QuantizedVector vector) {
    return store.write(writer -> writer.putVector(memory.id(), memory.updatedAt(), modelId, vector));
  }

  // --- what is known of a memory's copy on the server ---

  @Test
  void aPulledMemoryIsLinkedWithItsCopysTimestamps() {
    RemoteMemory pulled = remote(31, "pulled with its timestamps", false);

    Memory inserted = store.write(writer -> writer.insertFromServer(pulled));

    ServerLink expected = new ServerLink(inserted.id(), new ServerId(31),
        Optional.of(pulled.createdAt()), Optional.of(pulled.updatedAt()));
    assertThat(linkOf(inserted.id())).contains(expected);
    assertThat(serverLinks()).containsExactly(expected);
  }

  @Test
  void aMemoryLinkedByItsCreateHasNoCopyTimestampsUntilTheyAreRecorded() {
    Memory memory = insert(NewMemory.of("created here", ""), T0);
    Memory unlinked = insert(NewMemory.of("never sent", ""), T0);
    assign(memory, 32);

    assertThat(linkOf(memory.id()))
        .contains(new ServerLink(memory.id(), new ServerId(32), Optional.empty(), Optional.empty()));
    assertThat(linkOf(unlinked.id())).isEmpty();

    store.write(writer -> {
      writer.recordServerCopy(memory.id(), "2026-01-02T03:04:05.000006+00:00", "2026-01-03T03:04:05.000006+00:00");
      return null;
    });

    assertThat(serverLinks()).containsExactly(new ServerLink(memory.id(),
        new ServerId(32), Optional.of("2026-01-02T03:04:05.000006+00:00"),
        Optional.of("2026-01-03T03:04:05.000006+00:00")));
  }

  @Test
  void overwritingFromTheServerRecordsTheCopysTimestampsAndANewLinkForgetsThem() {
    Memory memory = insert(NewMemory.of("overwritten", ""), T0);
    assign(memory, 33);
    RemoteMemory pulled = remote(33, "overwritten by the server", false);

    store.write(writer -> {
      writer.overwriteFromServer(memory.id(), pulled, false);
      return null;
    });
    assertThat(linkOf(memory.id()).orElseThrow().serverUpdatedAt())
        .contains(pulled.updatedAt());

    assign(memory, 34);
    assertThat(linkOf(memory.id()))
        .contains(new ServerLink(memory.id(), new ServerId(34), Optional.empty(), Optional.empty()));
  }

  @Test
  void unlinkingAMemoryFromItsLostCopyFreesTheIdAndMarksItSentAgain() {
    Memory memory = store.write(writer -> writer.insertFromServer(remote(35, "lost by the server", false)));
    assertThat(resentAt(memory.id())).isEmpty();

    store.write(writer -> {
      writer.unlinkFromServer(memory.id(), T0);
      return null;
    });

    assertThat(store.find(memory.id()).orElseThrow().serverId()).isEmpty();
    assertThat(store.find(memory.id()).orElseThrow().content()).isEqualTo("lost by the server");
    assertThat(linkOf(memory.id())).isEmpty();
    assertThat(resentAt(memory.id())).contains(T0.truncatedTo(ChronoUnit.MICROS));
    assertThat(byServerId(35)).isEmpty();
    Memory other = store.write(writer -> writer.insertFromServer(remote(35, "another memory given its id", false)));
    assertThat(byServerId(35).orElseThrow().id()).isEqualTo(other.id());
  }

  @Test
  void aMemorysLostCopyIsRememberedByMemoryAndByCopyReplacedAndPruned() {
    MemoryId first = new MemoryId(51);
    MemoryId second = new MemoryId(52);
    LostCopy lost = new LostCopy(new ServerId(41), "2026-01-02T03:04:05.000006+00:00", Optional.empty());
    LostCopy later = new LostCopy(new ServerId(42), "2026-01-03T03:04:05.000006Z", Optional.empty());
    store.write(writer -> {
      writer.syncState().rememberLostCopy(first, lost, T0);
      writer.syncState().rememberLostCopy(second, later, T0.plusSeconds(120));
      return null;
    });
    assertThat(lostCopyOf(first)).contains(lost);
    assertThat(memoryOfLostCopy(lost)).contains(first);
    LostCopy sameCopyAsSentAgain = later.sentAt("2026-01-04T00:00:00.000000+00:00");
    assertThat(memoryOfLostCopy(sameCopyAsSentAgain))
        .as("whatever version was sent of it").contains(second);
    assertThat(lostCopyOf(new MemoryId(53))).isEmpty();

    store.write(writer -> {
      writer.syncState().rememberLostCopy(second, sameCopyAsSentAgain, T0.plusSeconds(180));
      writer.syncState().pruneRetired(T0.plusSeconds(60));
      return null;
    });
    assertThat(lostCopyOf(second)).contains(sameCopyAsSentAgain);
    assertThat(lostCopyOf(first)).isEmpty();
    assertThat(memoryOfLostCopy(lost)).isEmpty();
  }

  @Test
  void eachRetiredCopyOfAnIdGivenOutAgainIsRememberedApart() {
    String first = "2026-01-02T03:04:05.000006+00:00";
    String second = "2026-02-02T03:04:05.000006+00:00";
    RetiredServerId firstCopy = new RetiredServerId(new ServerId(40), Optional.of(first), T0);
    RetiredServerId secondCopy = new RetiredServerId(new ServerId(40), Optional.of(second), T0.plusSeconds(60));
    store.write(writer -> {
      writer.syncState().retire(firstCopy);
      writer.syncState().retire(secondCopy);
      return null;
    });
    assertThat(retired(40)).as("the one retired last").contains(secondCopy);
    assertThat(retiredCopy(40, first)).contains(firstCopy);
    assertThat(retiredCopy(40, second)).contains(secondCopy);
    assertThat(retiredCopy(40, "2026-03-02T03:04:05.000006+00:00")).isEmpty();

    RetiredServerId unknownCopy = new RetiredServerId(new ServerId(40), Optional.empty(), T0.plusSeconds(120));
    store.write(writer -> {
      writer.syncState().retire(unknownCopy);
      return null;
    });
    assertThat(retiredCopy(40, "2026-03-02T03:04:05.000006+00:00")).as("it may be that copy").contains(unknownCopy);
    assertThat(retiredCopy(40, first)).contains(firstCopy);

    store.write(writer -> {
      writer.syncState().forgetRetiredOfUnknownCopy(new ServerId(40));
      return null;
    });
    assertThat(retiredCopy(40, "2026-03-02T03:04:05.000006+00:00")).isEmpty();
    assertThat(retiredCopy(40, first)).contains(firstCopy);
    assertThat(retired(40)).contains(secondCopy);
  }

  @Test
  void retiredServerIdsAreRememberedReplacedForgottenAndPruned() {
    RetiredServerId old = new RetiredServerId(new ServerId(36), Optional.of("2026-01-02T03:04:05.000006+00:00"), T0);
    RetiredServerId unknown = new RetiredServerId(new ServerId(37), Optional.empty(), T0.plusSeconds(60));
    store.write(writer -> {
      writer.syncState().retire(old);
      writer.syncState().retire(unknown);
      return null;
    });
    assertThat(retired(36)).contains(old);
    assertThat(retired(37)).contains(unknown);
    assertThat(retired(38)).isEmpty();

    RetiredServerId again = new RetiredServerId(new ServerId(36), Optional.empty(), T0.plusSeconds(120));
    store.write(writer -> {
      writer.syncState().retire(again);
      writer.syncState().pruneRetired(T0.plusSeconds(90));
      return null;
    });
    assertThat(retired(36)).contains(again);
    assertThat(retired(37)).isEmpty();

    store.write(writer -> {
      writer.syncState().forgetRetired(new ServerId(36));
      return null;
    });
    assertThat(retired(36)).isEmpty();
  }

  @Test
  void insertFromServerKeepsTheServersFieldsAndTimestampsAsTheyAre() {
    RemoteMemory pulled =
        new RemoteMemory(
            new ServerId(9_007_199_254_740_993L),
            "pulled ptarmigan note",
            "Some Server Category",
            "a,b",
            "ptarmigan snow bird",
            (double) 0.8f,
            false,
            "2025-02-03T04:05:06.123456+00:00",
            "2025-06-07T08:09:10.654321+00:00",
            Optional.empty());

    Memory inserted = store.write(writer -> writer.insertFromServer(pulled));

    assertThat(inserted.id().value()).isPositive();
    assertThat(inserted)
        .isEqualTo(
            new Memory(
                inserted.id(),
                Optional.of(pulled.id()),
                "pulled ptarmigan note",
                new Category("Some Server Category"),
                "a,b",
                "ptarmigan snow bird",
                0.800000011920929,
                false,
                "2025-02-03T04:05:06.123456+00:00",
                "2025-06-07T08:09:10.654321+00:00"));
    assertThat(store.find(inserted.id())).contains(inserted);
    assertThat(byServerId(pulled.id().value())).contains(inserted);
    assertThat(ids(searchAll("ptarmigan"))).containsExactly(inserted.id());
  }

  @Test
  void insertFromServerGivesANewIdAfterEveryLocalOne() {
    Memory local = insert(NewMemory.of("local", ""), T0);

    Memory pulled = store.write(writer -> writer.insertFromServer(remote(8, "pulled", false)));
    Memory next = insert(NewMemory.of("next", ""), T0);

    assertThat(pulled.id().value()).isGreaterThan(local.id().value());
    assertThat(next.id().value()).isGreaterThan(pulled.id().value());
  }

  @Test
  void overwriteFromServerReplacesEveryFieldTheServerHolds() {
    Memory memory = insert(NewMemory.of("old grebe words", "grebe"), T0);
    assign(memory, 7);
    RemoteMemory edited =
        new RemoteMemory(
            new ServerId(7),
            "new loon words",
            "decisions",
            "edited,elsewhere",
            "loon lake",
            (double) 0.9f,
            false,
            "2025-01-01T00:00:00.000000+00:00",
            "2026-12-01T10:00:00.000001+00:00",
            Optional.empty());

    store.write(
        writer -> {
          writer.overwriteFromServer(memory.id(), edited, false);
          return null;
        });

    Memory found = store.find(memory.id()).orElseThrow();
    assertThat(found.id()).isEqualTo(memory.id());
    assertThat(found.serverId()).isEqualTo(server(7));
    assertThat(found.content()).isEqualTo("new loon words");
    assertThat(found.category()).isEqualTo(new Category("decisions"));
    assertThat(found.tags()).isEqualTo("edited,elsewhere");
    assertThat(found.expandedKeywords()).isEqualTo("loon lake");
    assertThat(found.importance()).isEqualTo(0.8999999761581421);
    assertThat(found.sensitive()).isFalse();
    assertThat(found.updatedAt()).isEqualTo("2026-12-01T10:00:00.000001+00:00");
    assertThat(ids(searchAll("loon"))).containsExactly(memory.id());
    assertThat(searchAll("grebe")).isEmpty();
  }

  @Test
  void overwriteFromServerKeepingLocalContentChangesEverythingButTheContent() {
    Memory memory = insert(NewMemory.of("db password=hunter2 on kestrel", ""), T0);
    assign(memory, 9);
    RemoteMemory redacted =
        new RemoteMemory(
            new ServerId(9),
            "db password=[REDACTED:password] on kestrel",
            "infrastructure",
            "db",
            "database credentials",
            0.5,
            true,
            "2025-01-01T00:00:00.000000+00:00",
            "2026-12-01T10:00:00.000000+00:00",
            Optional.empty());

    store.write(
        writer -> {
          writer.overwriteFromServer(memory.id(), redacted, true);
          return null;
        });

    Memory found = store.find(memory.id()).orElseThrow();
    assertThat(found.content()).isEqualTo("db password=hunter2 on kestrel");
    assertThat(found.category()).isEqualTo(new Category("infrastructure"));
    assertThat(found.tags()).isEqualTo("db");
    assertThat(found.expandedKeywords()).isEqualTo("database credentials");
    assertThat(found.sensitive()).isTrue();
    assertThat(found.updatedAt()).isEqualTo("2026-12-01T10:00:00.000000+00:00");
  }

  @Test
  void syncedAndUnsyncedSplitTheMemoriesByServerId() {
    Memory synced = insert(NewMemory.of("synced", ""), T0);
    Memory unsynced = insert(NewMemory.of("unsynced", ""), T0);
    assign(synced, 3);
    Memory pulled = store.write(writer -> writer.insertFromServer(remote(4, "pulled", true)));

    List<Memory> syncedRows = store.write(MemoryWriter::synced);
    List<Memory> unsyncedRows = store.write(MemoryWriter::unsynced);

    assertThat(ids(syncedRows)).containsExactlyInAnyOrder(synced.id(), pulled.id());
    assertThat(ids(unsyncedRows)).containsExactly(unsynced.id());
  }

  // --- imported memories ---

  @Test
  void insertImportedKeepsEveryFieldTheTimestampsAndAnyCategoryAsGiven() {
    ImportedMemory exported =
        new ImportedMemory(
            new Content("imported avocet note, caf\u00e9 \uD83D\uDC26"),
            new Category("Some Server Category"),
            "birds,coast",
            "avocet wader shore",
            new Importance(0.800000011920929),
            true,
            Optional.of("2025-02-03T04:05:06.123456+00:00"),
            Optional.of("2025-06-07T08:09:10.654321+00:00"));

    Memory inserted = store.write(writer -> writer.insertImported(exported, T0));

    assertThat(inserted)
        .isEqualTo(
            new Memory(
                inserted.id(),
                Optional.empty(),
                "imported avocet note, caf\u00e9 \uD83D\uDC26",
                new Category("Some Server Category"),
                "birds,coast",
                "avocet wader shore",
                0.800000011920929,
                true,
                "2025-02-03T04:05:06.123456+00:00",
                "2025-06-07T08:09:10.654321+00:00"));
    assertThat(store.find(inserted.id())).contains(inserted);
    assertThat(store.write(MemoryWriter::unsynced)).containsExactly(inserted);
  }

  @Test
  void insertImportedWithoutTimestampsIsDatedNowAndFoundBySearch() {
    Memory local = insert(NewMemory.of("local", ""), T0);
    ImportedMemory fresh =
        ImportedMemory.of(NewMemory.of("imported godwit sighting", "godwit wader"));

    Memory inserted = store.write(writer -> writer.insertImported(fresh, T0.plusSeconds(1)));

    assertThat(inserted.id().value()).isGreaterThan(local.id().value());
    assertThat(inserted.createdAt()).isEqualTo("2026-11-24T21:47:34.680389+00:00");
    assertThat(inserted.updatedAt()).isEqualTo(inserted.createdAt());
    assertThat(ids(searchAll("godwit"))).containsExactly(inserted.id());
  }

  @Test
  void anImportedMemoryWithOnlyCreatedAtIsUpdatedThen() {
    ImportedMemory exported =
        new ImportedMemory(
            new Content("dated once"),
            Category.DEFAULT,
            "",
            "",
            Importance.DEFAULT,
            false,
            Optional.of("2025-02-03T04:05:06.123456+00:00"),
            Optional.empty());

    Memory inserted = store.write(writer -> writer.insertImported(exported, T0));

    assertThat(inserted.updatedAt()).isEqualTo("2025-02-03T04:05:06.123456+00:00");
    assertThat(store.find(inserted.id())).contains(inserted);
  }

  // --- same content ---

  @Test
  void findByContentKeyFindsTheOldestMemoryWithTheSameNormalisedContent() {
    insert(NewMemory.of("The heron nests by the weir", ""), T0);
    Memory first = insert(NewMemory.of("Avocets winter on the estuary", ""), T0);
    Memory second = insert(NewMemory.of("  avocets WINTER\ton the\n estuary ", ""), T0);

    Optional<Memory> found =
        store.write(writer -> writer.findByContentKey(ContentKey.of("AVOCETS winter on the estuary")));

    assertThat(found).contains(first);
    assertThat(second.id()).isNotEqualTo(first.id());
  }

  @Test
  void findByContentKeyFindsNothingForANearMiss() {
    insert(NewMemory.of("Avocets winter on the estuary", ""), T0);

    Optional<Memory> withAFullStop =
        store.write(writer -> writer.findByContentKey(ContentKey.of("Avocets winter on the estuary.")));
    Optional<Memory> otherWords =
        store.read(reader -> reader.findByContentKey(ContentKey.of("Avocet winters on the estuary")));

    assertThat(withAFullStop).isEmpty();
    assertThat(otherWords).isEmpty();
  }

  @Test
  void findByContentKeyIncludesSensitivePulledAndImportedMemories() {
    Memory secret =
        insert(
            new NewMemory(
                new Content("Vault unseal steps"), Category.DEFAULT, "", "", Importance.DEFAULT, true),
            T0);
    Memory pulled = store.write(writer -> writer.insertFromServer(remote(41, "Pulled godwit note", false)));
    Memory imported =
        store.write(
            writer ->
                writer.insertImported(ImportedMemory.of(NewMemory.of("Imported curlew note", "")), T0));

    assertThat(sameAs("vault UNSEAL steps")).contains(secret.id());
    assertThat(sameAs("pulled godwit note")).contains(pulled.id());
    assertThat(sameAs(" imported  CURLEW note")).contains(imported.id());
  }

  @Test
  void aContentChangeMovesTheMemoryToItsNewContentsKey() {
    Memory edited = insert(NewMemory.of("The old plover text", ""), T0);
    Memory pulled = store.write(writer -> writer.insertFromServer(remote(42, "Old server dunlin text", false)));

    store.write(writer -> writer.update(edited.id(), contentPatch("The new plover text"), T0));
    store.write(
        writer -> {
          writer.overwriteFromServer(pulled.id(), remote(42, "New server dunlin text", false), false);
          return null;
        });

    assertThat(sameAs("the old plover text")).isEmpty();
    assertThat(sameAs("the new plover text")).contains(edited.id());
    assertThat(sameAs("old server dunlin text")).isEmpty();
    assertThat(sameAs("new server dunlin text")).contains(pulled.id());
  }

  @Test
  void aPulledRowKeepingItsLocalContentKeepsItsKey() {
    Memory pulled = store.write(writer -> writer.insertFromServer(remote(43, "db password=hunter2", true)));

    store.write(
        writer -> {
          writer.overwriteFromServer(pulled.id(), remote(43, "db [REDACTED:password]", true), true);
          return null;
        });

    assertThat(sameAs("db password=hunter2")).contains(pulled.id());
    assertThat(sameAs("db [REDACTED:password]")).isEmpty();
  }

  @Test
  void nearDuplicatesGroupsMemoriesWithTheSameNormalisedContentOldestFirst() {
    Memory a1 = insert(NewMemory.of("Snipe drum in spring", ""), T0);
    insert(NewMemory.of("Snipe drum in autumn", ""), T0);
    Memory b1 = insert(NewMemory.of("Rails skulk in reeds", ""), T0);
    Memory a2 = insert(NewMemory.of("snipe DRUM in spring", ""), T0);
    Memory b2 = store.write(writer -> writer.insertFromServer(remote(44, "rails skulk  in reeds", false)));
    Memory a3 = insert(NewMemory.of("\u00a0Snipe drum in spring\n", ""), T0);

    assertThat(store.nearDuplicates(10))
        .containsExactly(
            new DuplicateGroup(List.of(a1.id(), a2.id(), a3.id())),
            new DuplicateGroup(List.of(b1.id(), b2.id())));
    assertThat(store.nearDuplicates(1))
        .containsExactly(new DuplicateGroup(List.of(a1.id(), a2.id(), a3.id())));
  }

  @Test
  void nearDuplicatesForgetsDeletedMemories() {
    Memory kept = insert(NewMemory.of("Stints feed at dusk", ""), T0);
    Memory deleted = insert(NewMemory.of("stints feed at dusk", ""), T0);

    store.write(writer -> writer.delete(deleted.id()));

    assertThat(store.nearDuplicates(10)).isEmpty();
    assertThat(sameAs("STINTS feed at dusk")).contains(kept.id());
  }

  // --- read ---

  @Test
  void aReadSeesCommittedRowsQueueAndSyncValues() {
    Memory memory = insert(NewMemory.of("read me", ""), T0);
    PendingOp op = save(createOp(memory.id(), T0));
    store.write(
        writer -> {
          writer.syncState().put("last_sync_ts", "cursor");
          return null;
        });

    List<Object> seen =
        store.read(
            reader ->
                List.of(
                    reader.find(memory.id()),
                    reader.unsynced(),
                    reader.outbox().all(),
                    reader.outbox().due(T0, 10),
                    reader.syncState().get("last_sync_ts")));

    assertThat(seen)
        .containsExactly(
            Optional.of(memory), List.of(memory), List.of(op), List.of(op), Optional.of("cursor"));
  }

  @Test
  void aReadCannotChangeTheDatabase() {
    Memory memory = insert(NewMemory.of("stays", ""), T0);

    assertThatThrownBy(() -> store.read(reader -> reader.insert(NewMemory.of("sneaked", ""), T0)))
        .isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> store.read(reader -> reader.outbox().save(createOp(memory.id(), T0))))
        .isInstanceOf(RuntimeException.class);

    assertThat(store.counts().total()).isEqualTo(1);
    assertThat(outbox(Outbox::all)).isEmpty();
  }

  @Test
  void aReadDuringAWriteSeesOnlyWhatWasCommitted() {
    Memory committed = insert(NewMemory.of("committed", ""), T0);

    List<Memory> seenByReader =
        store.write(
            writer -> {
              Memory pending = writer.insert(NewMemory.of("pending", ""), T0);
              writer.outbox().save(createOp(pending.id(), T0));
              return readElsewhere(reader -> {
                List<Memory> rows = new ArrayList<>(reader.unsynced());
                assertThat(reader.outbox().all()).isEmpty();
                return rows;
              });
            });

    assertThat(seenByReader).containsExactly(committed);
    assertThat(store.counts().total()).isEqualTo(2);
  }

  // --- helpers ---

  protected static final Duration LEASE = Duration.ofSeconds(60);

  private PendingOp save(PendingOp op) {
    return store.write(writer -> writer.outbox().save(op));
  }

  private <T> T outbox(Function<Outbox, T> query) {
    return store.write(writer -> query.apply(writer.outbox()));
  }

  private List<PendingOp> due(Instant now, int max) {
    return store.write(writer -> writer.outbox().due(now, max));
  }

  private Optional<PendingOp> opById(long id) {
    return store.write(writer -> writer.outbox().byId(id));
  }

  private Optional<PendingOp> opFor(MemoryId memory) {
    return store.write(writer -> writer.outbox().forMemory(memory));
  }

  private Optional<PendingOp> deleteOf(long serverId) {
    return store.write(writer -> writer.outbox().deleteOf(new ServerId(serverId)));
  }

  private Optional<Memory> byServerId(long serverId) {
    return store.write(writer -> writer.findByServerId(new ServerId(serverId)));
  }

  private Optional<String> syncValue(String key) {
    return store.write(writer -> writer.syncState().get(key));
  }

  private boolean acquire(String holder, Instant now) {
    return store.write(writer -> writer.syncState().acquireLease(holder, now, LEASE));
  }

  private Optional<String> holder(Instant now) {
    return store.read(reader -> reader.syncState().leaseHolder(now));
  }

  private void release(String holder) {
    store.write(
        writer -> {
          writer.syncState().releaseLease(holder);
          return null;
        });
  }

  private void assign(Memory memory, long serverId) {
    store.write(
        writer -> {
          writer.assignServerId(memory.id(), new ServerId(serverId), memory.category());
          return null;
        });
  }

  /** Runs a read on another thread, as another caller would, bounded in time. */
  private <T> T readElsewhere(Function<MemoryWriter, T> work) {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      return reader.submit(() -> store.read(work)).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the read failed", e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the read did not finish while a write was open", e);
    } finally {
      reader.shutdownNow();
    }
  }

  private static Optional<ServerId> server(long id) {
    return Optional.of(new ServerId(id));
  }

  private static PendingOp createOp(MemoryId memory, Instant createdAt) {
    return new PendingOp(
        0,
        Optional.of(memory),
        OpKind.CREATE,
        Optional.empty(),
        new IdempotencyKey("key-" + memory + "-" + createdAt),
        1,
        0,
        createdAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        createdAt);
  }

  private static PendingOp deleteOp(Optional<MemoryId> memory, long serverId, Instant createdAt) {
    return new PendingOp(
        0,
        memory,
        OpKind.DELETE,
        server(serverId),
        new IdempotencyKey("delete-" + serverId),
        1,
        0,
        createdAt,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        createdAt);
  }

  private static PendingOp withId(PendingOp op, long id) {
    return new PendingOp(
        id,
        op.memoryId(),
        op.kind(),
        op.serverId(),
        op.key(),
        op.revision(),
        op.attempts(),
        op.nextAttemptAt(),
        op.unconfirmedContent(),
        op.unconfirmedTerms(),
        op.unconfirmedSend(),
        op.lastError(),
        op.parkedReason(),
        op.createdAt());
  }

  private Optional<ServerLink> linkOf(MemoryId id) {
    return store.read(reader -> reader.linkOf(id));
  }

  private List<ServerLink> serverLinks() {
    return store.read(MemoryWriter::serverLinks);
  }

  private Optional<Instant> resentAt(MemoryId id) {
    return store.read(reader -> reader.resentAt(id));
  }

  private Optional<RetiredServerId> retired(long serverId) {
    return store.read(reader -> reader.syncState().retired(new ServerId(serverId)));
  }

  private Optional<LostCopy> lostCopyOf(MemoryId memory) {
    return store.read(reader -> reader.syncState().lostCopyOf(memory));
  }

  private Optional<MemoryId> memoryOfLostCopy(LostCopy copy) {
    return store.read(reader -> reader.syncState().memoryOfLostCopy(copy));
  }

  private Optional<RetiredServerId> retiredCopy(long serverId, String serverCreatedAt) {
    return store.read(reader -> reader.syncState().retiredCopy(new ServerId(serverId), serverCreatedAt));
  }

  private static RemoteMemory remote(long id, String content, boolean sensitive) {
    return new RemoteMemory(
        new ServerId(id),
        content,
        "facts",
        "",
        "",
        0.5,
        sensitive,
        "2026-01-01T00:00:00.000000+00:00",
        "2026-01-01T00:00:00.000000+00:00",
        Optional.empty());
  }


  private Optional<MemoryId> sameAs(String content) {
    return store.write(writer -> writer.findByContentKey(ContentKey.of(content))).map(Memory::id);
  }

  protected final Memory insert(NewMemory memory, Instant now) {
    return store.write(writer -> writer.insert(memory, now));
  }

  protected static SearchTerms terms(String text) {
    return SearchTerms.of(text, "");
  }

  private List<Memory> searchAll(String text) {
    return store.search(terms(text).allWordsQuery(), Optional.empty(), SortBy.RELEVANCE, 100);
  }

  private List<Memory> searchFragments(String... fragments) {
    return store.searchFragments(List.of(fragments), Optional.empty(), SortBy.RELEVANCE, 100);
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

  /** A memory tagged {@code kestrel}. */
  private static NewMemory withTags(String content, double importance, boolean sensitive) {
    return new NewMemory(new Content(content), Category.DEFAULT, "kestrel", "", new Importance(importance), sensitive);
  }

  private static NewMemory withImportance(String content, double importance) {
    return new NewMemory(
        new Content(content), Category.DEFAULT, "", "", new Importance(importance), false);
  }

  private static java.util.Map.Entry<String, Long> entry(String name, long count) {
    return java.util.Map.entry(name, count);
  }
}
