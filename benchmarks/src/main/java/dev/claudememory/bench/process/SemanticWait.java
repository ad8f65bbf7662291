package dev.claudememory.bench.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Waits on a server's recall by meaning through its own answers: {@code memory_count} for where
 * the model and the vectors stand, {@code memory_recall} for which search ran. Every wait is
 * bounded, and ends at once on a state no wait changes (off, unavailable).
 */
final class SemanticWait {
  static final String COUNT = "memory_count";
  static final String HYBRID = "hybrid";
  /** How often a long wait tells the log where it stands, besides every change of state. */
  private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
  /** A status unchanged this long means the server's embedding has stopped (its thread died). */
  static final Duration STALL = Duration.ofMinutes(2);

  private final Session session;
  private final Duration stall;

  SemanticWait(Session session) {
    this(session, STALL);
  }

  SemanticWait(Session session, Duration stall) {
    this.session = session;
    this.stall = stall;
  }

  /** Where recall by meaning stands now; empty for a server whose count says nothing of it. */
  Optional<SemanticStatus> status() throws IOException {
    return SemanticStatus.of(session.call(COUNT, McpClient.object()));
  }

  /** Until {@code memory_count} says {@code ready}. */
  Waited untilReady(Duration bound, Duration poll, Consumer<SemanticStatus> progress)
      throws IOException, InterruptedException {
    return until(SemanticStatus::isReady, SemanticStatus.READY, bound, poll, progress);
  }

  /** Until {@code memory_count} reports a state {@code wanted} accepts, polling every {@code poll}. */
  Waited until(Predicate<SemanticStatus> wanted, String what, Duration bound, Duration poll,
      Consumer<SemanticStatus> progress) throws IOException, InterruptedException {
    long started = System.nanoTime();
    long reported = started;
    long changed = started;
    String lastState = null;
    SemanticStatus last = null;
    while (true) {
      Optional<SemanticStatus> now = status();
      long answered = System.nanoTime();
      if (now.isEmpty()) {
        return new Waited.NotReached("the server's memory_count reports no semantic search"
            + " (a build without the embedding model)");
      }
      SemanticStatus status = now.get();
      if (wanted.test(status)) {
        return new Waited.Reached(answered);
      }
      if (status.isFinal()) {
        return new Waited.NotReached("recall by meaning is " + status);
      }
      if (!status.state().equals(lastState) || answered - reported > REPORT_EVERY.toNanos()) {
        progress.accept(status);
        lastState = status.state();
        reported = answered;
      }
      if (!status.equals(last)) {
        last = status;
        changed = answered;
      } else if (answered - changed > stall.toNanos()) {
        return new Waited.NotReached("no change for " + describe(stall) + " at " + status.brief() + serverProblem());
      }
      if (answered - started > bound.toNanos()) {
        return new Waited.NotReached("not " + what + " after " + describe(bound) + " at " + status.brief() + serverProblem());
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1_000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private String serverProblem() {
    return session.process().lastProblem().map(line -> "; the server's stderr: " + line).orElse("");
  }

  /**
   * Recalls again and again, {@code gap} apart, until an answer says its search was hybrid: what
   * a client calling recall from the start would see.
   */
  Waited untilHybridRecall(ObjectNode arguments, Duration bound, Duration gap) throws IOException, InterruptedException {
    long started = System.nanoTime();
    while (true) {
      McpClient.ToolResult answer = session.call(ToolArguments.RECALL, arguments);
      long answered = System.nanoTime();
      JsonNode search = answer.structuredContent().path("search");
      if (!search.isTextual()) {
        return new Waited.NotReached("the server's memory_recall does not say which search ran");
      }
      if (search.textValue().equals(HYBRID)) {
        return new Waited.Reached(answered);
      }
      if (answered - started > bound.toNanos()) {
        return new Waited.NotReached("no hybrid recall within " + describe(bound) + "; the last was "
            + search.textValue() + ": " + answer.structuredContent().path("search_reason").asText("(no reason given)"));
      }
      Thread.sleep(gap.toMillis());
    }
  }
}
