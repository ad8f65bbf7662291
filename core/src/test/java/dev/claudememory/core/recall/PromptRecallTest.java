package dev.claudememory.core.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PromptRecallTest {
  private final PromptRecall hook = new PromptRecall(PromptRecall.DEFAULT_THRESHOLD);

  private static Memory memory(long id, String content, String keywords, boolean sensitive) {
    return new Memory(
        new MemoryId(id), Optional.empty(), content, Category.DEFAULT, "", keywords, 0.5, sensitive,
        "2026-12-07T20:00:00.000000+00:00", "2026-12-07T20:00:00.000000+00:00");
  }

  @Test
  void aQuestionIsRecalledForAsItIsWithNoExpandedQuery() {
    Optional<RecallQuery> query = hook.queryFor("When is the release branch cut?");

    assertThat(query).isPresent();
    assertThat(query.get().terms().text()).isEqualTo("When is the release branch cut?");
    assertThat(query.get().sortBy()).isEqualTo(SortBy.RELEVANCE);
  }

  @Test
  void trivialPromptsRecallNothing() {
    for (String prompt : List.of("ok", "thanks", "Thanks!", "yes please, go ahead", "ok, continue", "  ", "👍")) {
      assertThat(hook.queryFor(prompt)).as(prompt).isEmpty();
    }
  }

  @Test
  void aStackTracePastedAloneRecallsNothing() {
    String java =
        "Exception in thread \"main\" java.lang.IllegalStateException: connection pool exhausted\n"
            + "\tat com.example.orders.OrderRepository.save(OrderRepository.java:42)\n"
            + "\tat com.example.orders.OrderService.place(OrderService.java:17)\n"
            + "Caused by: java.sql.SQLTransientConnectionException: timeout\n"
            + "\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)\n"
            + "\t... 12 more\n";
    String python =
        "Traceback (most recent call last):\n"
            + "  File \"/srv/app/billing.py\", line 88, in charge\n"
            + "    stripe.Charge.create(amount=total)\n"
            + "  File \"/srv/app/retry.py\", line 12, in wrapper\n"
            + "ValueError: amount must be positive\n";

    assertThat(hook.queryFor(java)).isEmpty();
    assertThat(StackTraceText.isAlone(python.replace("    stripe.Charge.create(amount=total)\n", ""))).isTrue();
  }

  @Test
  void aStackTraceWithAQuestionIsRecalledFor() {
    String prompt =
        "Why does the order service run out of database connections on Mondays?\n"
            + "\tat com.example.orders.OrderRepository.save(OrderRepository.java:42)\n"
            + "\tat com.example.orders.OrderService.place(OrderService.java:17)\n";

    assertThat(hook.queryFor(prompt)).isPresent();
  }

  @Test
  void aMemorySharingSeveralOfThePromptsWordsIsChosen() {
    Memory release = memory(1, "The release branch is cut every second Tuesday", "release schedule git", false);
    Memory unrelated = memory(2, "The office wifi password rotates monthly", "wifi office", false);

    List<Memory> chosen =
        hook.select("When is the release branch cut this month?", List.of(unrelated, release));

    assertThat(chosen).containsExactly(release);
  }

  @Test
  void aMemorySharingOneCommonWordWithThePromptIsLeftOut() {
    Memory deploy = memory(1, "Deploys go out through the staging cluster first", "deploy staging", false);

    assertThat(hook.select("Rename the variable in the parser", List.of(deploy))).isEmpty();
    assertThat(hook.select("Write the parser's tests for the staging of tokens", List.of(deploy))).isEmpty();
  }

  @Test
  void aMemoryMustHoldThreeOfThePromptsWords() {
    Memory cache = memory(1, "The cache layer uses Redis with a five minute TTL", "redis cache ttl", false);

    assertThat(hook.select("How long does the Redis cache keep entries?", List.of(cache))).isEmpty();
    assertThat(hook.select("How long does the Redis cache keep its TTL?", List.of(cache))).containsExactly(cache);
  }

  @Test
  void aPromptAboutFewerWordsNeedsThemAll() {
    Memory cache = memory(1, "The cache layer uses Redis with a five minute TTL", "redis cache ttl", false);

    assertThat(hook.select("Redis TTL?", List.of(cache))).containsExactly(cache);
    assertThat(hook.select("Redis cluster?", List.of(cache))).isEmpty();
  }

  @Test
  void aShareOfThePromptsWordsCanBeAskedForToo() {
    Memory cache = memory(1, "The cache layer uses Redis with a five minute TTL", "redis cache ttl", false);
    PromptRecall half = new PromptRecall(new PromptRecall.Threshold(2, 0.5));

    assertThat(half.select("Redis cache importer validation streaming", List.of(cache))).isEmpty();
    assertThat(half.select("Redis cache importer", List.of(cache))).containsExactly(cache);
  }

  @Test
  void aSensitiveMemoryCountsByItsKeywordsNeverByItsContent() {
    Memory secret =
        memory(7, "staging database password=hunter2-rotated", "credentials", true).masked();
    Memory byKeywords = memory(8, "password=hunter2-rotated", "staging database credentials", true).masked();

    assertThat(hook.select("What is the hunter2 rotated staging password?", List.of(secret))).isEmpty();
    assertThat(hook.select("Which credentials does the staging database take?", List.of(byKeywords)))
        .containsExactly(byKeywords);
  }

  @Test
  void atMostFiveMemoriesAreChosenInRecallOrder() {
    List<Memory> recalled =
        LongStream.rangeClosed(1, 8)
            .mapToObj(id -> memory(id, "Kafka consumer lag alert number " + id, "kafka consumer lag", false))
            .collect(Collectors.toList());

    List<Memory> chosen = hook.select("Why is the kafka consumer lag alert firing?", recalled);

    assertThat(chosen).containsExactlyElementsOf(recalled.subList(0, PromptRecall.MAX_MEMORIES));
  }

  @Test
  void aThresholdOutOfItsBoundsIsRefusedNamingIt() {
    assertThatThrownBy(() -> new PromptRecall.Threshold(0, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("minSharedWords must be at least 1; got 0");
    assertThatThrownBy(() -> new PromptRecall.Threshold(2, Double.NaN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("minSharedShare must be between 0 and 1");
  }

  @Test
  void textWrittenWithoutSpacesIsMatchedByItsPairsOfCharacters() {
    Memory migration = memory(1, "数据库迁移在周二进行", "", false);

    assertThat(hook.queryFor("数据库迁移是哪天")).isPresent();
    assertThat(hook.select("数据库迁移是哪天", List.of(migration))).containsExactly(migration);
    assertThat(hook.select("天气怎么样", List.of(migration))).isEmpty();
  }

  @Test
  void theContextNamesTheRelevantMemoriesAndWhetherTheyWereFoundByMeaningToo() {
    Memory release = memory(7, "The release branch is cut every second Tuesday", "release schedule", false);
    Memory wifi = memory(8, "The office wifi is renewed each spring", "office network", false);
    String prompt = "When do we cut the release branch?";

    String hybrid = hook.contextFor(prompt, query -> new Recalled(List.of(wifi, release), Search.HYBRID));
    String lexical =
        hook.contextFor(prompt, query -> new Recalled(List.of(release), Search.lexical("the model is loading")));

    assertThat(hybrid)
        .startsWith("claude-memory recalled these stored memories for this prompt by words and meaning (#7).")
        .contains("#7 [")
        .doesNotContain("wifi");
    assertThat(lexical).startsWith("claude-memory recalled these stored memories for this prompt by words (#7).");
    assertThat(hook.contextFor("ok thanks", query -> new Recalled(List.of(release), Search.HYBRID))).isEmpty();
  }
}
