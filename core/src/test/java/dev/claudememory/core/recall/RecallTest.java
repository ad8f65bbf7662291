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
  void hybridRecallNeverShowsASensitiveMemoryFoundByMeaning() {
    Memory secret = store("kestrel token is hunter2", Category.DEFAULT, true);
    Memory plain = store("another note", Category.DEFAULT, false);

    Recalled recalled =
        Recall.hybrid(
            store, RecallQuery.of("kestrel", ""),
            List.of(new Neighbour(secret.id(), 0.99), new Neighbour(plain.id(), 0.5)));

    assertThat(recalled.memories()).containsExactly(plain);
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

  private Memory store(String content) {
    return store.write(
        writer ->
            writer.insert(
                new NewMemory(
                    new Content(content), Category.DEFAULT, "", "", Importance.DEFAULT, false),
                NOW));
  }

  private Memory store(String content, Category category, boolean sensitive) {
    return store.write(
        writer ->
            writer.insert(
                new NewMemory(new Content(content), category, "", "", Importance.DEFAULT, sensitive), NOW));
  }

  private record Call(String query, Optional<Category> category, SortBy sortBy, int limit) {}

  /** Passes everything to a real fake, noting each search it is asked for. */
  private static final class RecordingStore implements MemoryStore {
    private final MemoryStore delegate;
    final List<Call> calls = new ArrayList<>();
    final List<String> queries = new ArrayList<>();

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
