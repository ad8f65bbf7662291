package dev.claudememory.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SemanticWaitTest {
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(10);

  @Test
  @Timeout(60)
  void waitingForReadyPollsThroughLoadingAndEmbeddingAndReportsEachNewState() throws Exception {
    List<SemanticStatus> reported = new ArrayList<>();

    Waited waited = waitOn("ready-after-3", session -> new SemanticWait(session).untilReady(LONG, POLL, reported::add));

    assertThat(waited).isInstanceOf(Waited.Reached.class);
    assertThat(reported).extracting(SemanticStatus::state).containsExactly("loading", "embedding");
    assertThat(reported.get(1).embedded()).isEqualTo(400);
    assertThat(reported.get(1).total()).isEqualTo(FakeMeaningServer.MEMORIES);
  }

  @Test
  @Timeout(30)
  void aModelThatCannotRunEndsTheWaitAtOnceWithTheServersReason() throws Exception {
    Waited waited = waitOn("unavailable", session -> new SemanticWait(session).untilReady(LONG, POLL, status -> {}));

    assertThat(waited).isInstanceOf(Waited.NotReached.class);
    assertThat(((Waited.NotReached) waited).reason()).contains(FakeMeaningServer.UNAVAILABLE_BECAUSE);
  }

  @Test
  @Timeout(30)
  void aServerThatCountsNoSemanticStateIsNotWaitedFor() throws Exception {
    Waited waited = waitOn("no-semantic", session -> new SemanticWait(session).untilReady(LONG, POLL, status -> {}));

    assertThat(waited).isInstanceOf(Waited.NotReached.class);
    assertThat(((Waited.NotReached) waited).reason()).contains("reports no semantic search");
  }

  @Test
  @Timeout(60)
  void anEmbeddingThatStopsEndsTheWaitWithTheErrorTheServerWrote() throws Exception {
    Waited waited = waitOn("stalls",
        session -> new SemanticWait(session, Duration.ofMillis(500)).untilReady(LONG, POLL, status -> {}));

    assertThat(waited).isInstanceOf(Waited.NotReached.class);
    assertThat(((Waited.NotReached) waited).reason())
        .startsWith("no change for 500 ms at embedding, 400 of 1000 embedded")
        .endsWith("; the server's stderr: " + FakeMeaningServer.DEATH);
  }

  @Test
  @Timeout(60)
  void recallingUntilHybridEndsAtTheFirstAnswerThatSaysHybrid() throws Exception {
    Waited waited = waitOn("ready-after-3",
        session -> new SemanticWait(session).untilHybridRecall(McpClient.object(), LONG, POLL));

    assertThat(waited).isInstanceOf(Waited.Reached.class);
  }

  @Test
  @Timeout(60)
  void recallsThatStayLexicalEndAtTheBoundWithTheLastReason() throws Exception {
    Waited waited = waitOn("unavailable",
        session -> new SemanticWait(session).untilHybridRecall(McpClient.object(), Duration.ofSeconds(1), POLL));

    assertThat(waited).isInstanceOf(Waited.NotReached.class);
    assertThat(((Waited.NotReached) waited).reason())
        .startsWith("no hybrid recall within 1 s; the last was lexical")
        .contains(FakeMeaningServer.UNAVAILABLE_BECAUSE);
  }

  @Test
  @Timeout(30)
  void aRecallThatNamesNoSearchIsNeverTakenForHybrid() throws Exception {
    Waited waited = waitOn("no-semantic", session -> new SemanticWait(session).untilHybridRecall(McpClient.object(), LONG, POLL));

    assertThat(waited).isInstanceOf(Waited.NotReached.class);
    assertThat(((Waited.NotReached) waited).reason()).contains("does not say which search ran");
  }

  private interface Action {
    Waited on(Session session) throws Exception;
  }

  private static Waited waitOn(String mode, Action action) throws Exception {
    try (Workspace workspace = Workspace.create()) {
      Bench bench = FakeServers.bench(workspace, mode, new ByteArrayOutputStream());
      Path folder = workspace.newFolder("fake");
      try (Session session = Session.open(bench, bench.servers().get(0), folder, Map.of())) {
        return action.on(session);
      }
    }
  }
}
