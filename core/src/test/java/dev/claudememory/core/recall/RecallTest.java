package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.port.MemoryCounts;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class RecallTest {
  private static final Instant NOW = Instant.parse("2026-11-24T21:47:33Z");

  private final RecordingStore store = new RecordingStore(new InMemoryMemoryStore());

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void rowsWithEveryWordAreReturnedWithoutAnAnyWordSearch() {
    Memory both = store("kestrel marmalade together");
    store("only kestrel");

    List<Memory> found = Recall.run(store, RecallQuery.of("kestrel", "marmalade"));

    assertThat(found).containsExactly(both);
    assertThat(store.queries).containsExactly("\"kestrel\" AND \"marmalade\"");
  }

  @Test
  void whenNoRowHasEveryWordRowsWithAnyWordAreReturned() {
    Memory kestrel = store("only kestrel");
    Memory marmalade = store("only marmalade");
    store("neither");

    List<Memory> found = Recall.run(store, RecallQuery.of("kestrel marmalade", ""));

    assertThat(found).containsExactlyInAnyOrder(kestrel, marmalade);
    assertThat(store.queries)
        .containsExactly("\"kestrel\" AND \"marmalade\"", "\"kestrel\" OR \"marmalade\"");
  }

  @Test
  void aSingleWordThatFindsNothingIsNotSearchedAgain() {
    store("unrelated");

    List<Memory> found = Recall.run(store, RecallQuery.of("kestrel", ""));

    assertThat(found).isEmpty();
    assertThat(store.queries).containsExactly("\"kestrel\"");
  }

  @Test
  void severalWordsThatFindNothingEitherWayGiveNothing() {
    store("unrelated");

    List<Memory> found = Recall.run(store, RecallQuery.of("kestrel marmalade", ""));

    assertThat(found).isEmpty();
    assertThat(store.queries).hasSize(2);
  }

  @Test
  void nothingSearchableLeftMeansNoQueryAtAll() {
    store("!!! ??? ...");

    List<Memory> found = Recall.run(store, RecallQuery.of("!!! ??? ... \"\" 🎉", "  "));

    assertThat(found).isEmpty();
    assertThat(store.queries).isEmpty();
  }

  @Test
  void categorySortAndLimitReachTheStoreOnBothSearches() {
    store("only kestrel");
    RecallQuery query =
        new RecallQuery(
            SearchTerms.of("kestrel marmalade", ""),
            Optional.of(new Category("decisions")),
            SortBy.RECENCY,
            3);

    Recall.run(store, query);

    assertThat(store.calls)
        .extracting(Call::category, Call::sortBy, Call::limit)
        .containsOnly(tuple(Optional.of(new Category("decisions")), SortBy.RECENCY, 3));
    assertThat(store.calls).hasSize(2);
  }

  @Test
  void hybridRecallKeepsTheCategoryOnBothLegs() {
    Memory decision = store("kestrel marmalade decision", new Category("decisions"), false);
    Memory fact = store("kestrel fact", Category.DEFAULT, false);
    Memory nearDecision = store("unrelated words", new Category("decisions"), false);
    RecallQuery query =
        new RecallQuery(SearchTerms.of("kestrel", ""), Optional.of(new Category("decisions")), SortBy.RELEVANCE, 10);

    Recalled recalled =
        Recall.hybrid(store, query, List.of(new Neighbour(fact.id(), 0.9), new Neighbour(nearDecision.id(), 0.8)));

    assertThat(recalled.memories()).containsExactly(decision, nearDecision);
    assertThat(recalled.search()).isEqualTo(Search.HYBRID);
    assertThat(store.calls).extracting(Call::category).containsOnly(Optional.of(new Category("decisions")));
  }

  @Test
  /** Its vector holds its category, tags and keywords only; the service shows it masked. */
  void hybridRecallFindsASensitiveMemoryByMeaningAsWordsFindItByItsKeywords() {
    Memory secret = store("kestrel token is hunter2", Category.DEFAULT, true);
    Memory plain = store("another note", Category.DEFAULT, false);

    Recalled recalled =
        Recall.hybrid(
            store, RecallQuery.of("kestrel", ""),
            List.of(new Neighbour(secret.id(), 0.99), new Neighbour(plain.id(), 0.5)));

    assertThat(recalled.memories()).contains(secret, plain);
  }

  @Test
  void hybridRecallReadsOnlyTheNeighboursTheWordsDidNotFindAndThatLieCloseEnoughToCount() {
    Memory byBoth = store("kestrel garage");
    Memory byMeaning = store("automobile parking");
    Memory tooFar = store("marmalade recipe");

    Recalled recalled =
        Recall.hybrid(
            store, RecallQuery.of("kestrel", ""),
            List.of(new Neighbour(byBoth.id(), 0.9), new Neighbour(byMeaning.id(), 0.6),
                new Neighbour(tooFar.id(), 0.1)));

    assertThat(recalled.memories()).containsExactly(byBoth, byMeaning);
    assertThat(store.found).containsExactly(byMeaning.id());
  }

  @Test
  void hybridRecallAsksTheWordsLegForEnoughCandidatesAndLeavesOutNeighboursThatAreGone() {
    Memory kestrel = store("kestrel");

    Recalled recalled =
        Recall.hybrid(
            store,
            new RecallQuery(SearchTerms.of("kestrel", ""), Optional.empty(), SortBy.RECENCY, 3),
            List.of(new Neighbour(new MemoryId(404), 0.99)));

    assertThat(recalled.memories()).containsExactly(kestrel);
    assertThat(store.calls)
        .extracting(Call::sortBy, Call::limit)
        .containsExactly(tuple(SortBy.RELEVANCE, Recall.CANDIDATES));
  }

  @Test
  void aChineseWordInsideASentenceIsFoundByItsFragments() {
    Memory migration = store("数据库迁移在周二进行");
    store("午饭在十二点");

    List<Memory> found = Recall.run(store, RecallQuery.of("数据库", ""));

    assertThat(found).containsExactly(migration);
    assertThat(store.fragmentCalls)
        .extracting(FragmentCall::fragments)
        .containsExactly(List.of("数据", "据库"));
  }

  @Test
  void aQueryWithoutTextInUnspacedScriptsSearchesNoFragments() {
    store("only kestrel");

    Recall.run(store, RecallQuery.of("kestrel marmalade", "Кestrel"));

    assertThat(store.fragmentCalls).isEmpty();
  }

  @Test
  void aMemoryBothSearchesFindIsShownOnceInTheFullTextPlace() {
    Memory word = store("数据库 postgres");
    Memory sentence = store("数据库迁移在周二进行");

    List<Memory> found = Recall.run(store, RecallQuery.of("数据库", ""));

    assertThat(found).containsExactly(word, sentence);
  }

  @Test
  void fullTextAndFragmentMatchesAlternateFullTextFirst() {
    Memory twoKestrels = store("kestrel and kestrel", 0.5, NOW);
    Memory oneKestrel = store("one kestrel", 0.5, NOW);
    Memory importantTuesday = store("迁移在周二", 0.9, NOW);
    Memory tuesday = store("周二开会", 0.1, NOW);

    List<Memory> found = Recall.run(store, RecallQuery.of("kestrel 周二", ""));

    assertThat(found).containsExactly(twoKestrels, importantTuesday, oneKestrel, tuesday);
  }

  @Test
  void aMemoryBothSearchesFindRanksAboveMemoriesOnlyOneFinds() {
    store("kestrel and kestrel");
    store("迁移在周二");
    Memory both = store("kestrel 迁移在周二");

    List<Memory> found = Recall.run(store, RecallQuery.of("kestrel 周二", ""));

    assertThat(found).hasSize(3).first().isEqualTo(both);
  }

  @Test
  void byRecencyTheMatchesOfBothSearchesAreNewestFirst() {
    Memory oldKestrel = store("kestrel", 0.5, NOW);
    Memory newTuesday = store("周二开会", 0.5, NOW.plusSeconds(30));
    Memory newestKestrel = store("kestrel again", 0.5, NOW.plusSeconds(60));
    Memory oldTuesday = store("迁移在周二", 0.5, NOW.plusSeconds(10));

    List<Memory> found =
        Recall.run(
            store,
            new RecallQuery(SearchTerms.of("kestrel 周二", ""), Optional.empty(), SortBy.RECENCY, 10));

    assertThat(found).containsExactly(newestKestrel, newTuesday, oldTuesday, oldKestrel);
  }

  @Test
  void theLimitHoldsForBothSearchesTogether() {
    for (int i = 0; i < 4; i++) {
      store("kestrel " + i);
      store("周二 " + i);
    }

    List<Memory> found =
        Recall.run(
            store,
            new RecallQuery(SearchTerms.of("kestrel 周二", ""), Optional.empty(), SortBy.RELEVANCE, 3));

    assertThat(found).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void categorySortAndLimitReachTheFragmentSearch() {
    RecallQuery query =
        new RecallQuery(
            SearchTerms.of("周二", ""), Optional.of(new Category("decisions")), SortBy.IMPORTANCE, 4);

    Recall.run(store, query);

    assertThat(store.fragmentCalls)
        .containsExactly(
            new FragmentCall(List.of("周二"), Optional.of(new Category("decisions")), SortBy.IMPORTANCE, 4));
  }

  @Test
  void hybridRecallTakesTheFragmentMatchesAsPartOfItsFullTextLeg() {
    Memory migration = store("数据库迁移在周二进行");
    store("午饭在十二点");

    Recalled found = Recall.hybrid(store, RecallQuery.of("数据库", ""), List.of());

    assertThat(found.memories()).containsExactly(migration);
  }

  private Memory store(String content) {
    return store(content, Importance.DEFAULT.value(), NOW);
  }

  private Memory store(String content, double importance, Instant createdAt) {
    return store.write(
        writer ->
            writer.insert(
                new NewMemory(
                    new Content(content), Category.DEFAULT, "", "", new Importance(importance), false),
                createdAt));
  }

  private Memory store(String content, Category category, boolean sensitive) {
    return store.write(
        writer ->
            writer.insert(
                new NewMemory(new Content(content), category, "", "", Importance.DEFAULT, sensitive), NOW));
  }

  private record Call(String query, Optional<Category> category, SortBy sortBy, int limit) {}

  private record FragmentCall(
      List<String> fragments, Optional<Category> category, SortBy sortBy, int limit) {}

  /** Passes everything to a real fake, noting each search it is asked for. */
  private static final class RecordingStore implements MemoryStore {
    private final MemoryStore delegate;
    final List<Call> calls = new ArrayList<>();
    final List<String> queries = new ArrayList<>();
    final List<FragmentCall> fragmentCalls = new ArrayList<>();
    final List<MemoryId> found = new ArrayList<>();

    RecordingStore(MemoryStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public <T> T write(Function<MemoryWriter, T> work) {
      return delegate.write(work);
    }

    @Override
    public <T> T read(Function<MemoryWriter, T> work) {
      return delegate.read(work);
    }

    @Override
    public Optional<Memory> find(MemoryId id) {
      found.add(id);
      return delegate.find(id);
    }

    @Override
    public List<Memory> search(
        String ftsQuery, Optional<Category> category, SortBy sortBy, int limit) {
      calls.add(new Call(ftsQuery, category, sortBy, limit));
      queries.add(ftsQuery);
      return delegate.search(ftsQuery, category, sortBy, limit);
    }

    @Override
    public List<Memory> searchFragments(
        List<String> fragments, Optional<Category> category, SortBy sortBy, int limit) {
      fragmentCalls.add(new FragmentCall(fragments, category, sortBy, limit));
      return delegate.searchFragments(fragments, category, sortBy, limit);
    }

    @Override
    public List<Memory> recent(Optional<Category> category, int limit) {
      return delegate.recent(category, limit);
    }

    @Override
    public MemoryCounts counts() {
      return delegate.counts();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
