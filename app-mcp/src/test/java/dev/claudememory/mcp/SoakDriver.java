package dev.claudememory.mcp;

import static dev.claudememory.mcp.McpProcess.arguments;
import static dev.claudememory.mcp.McpProcess.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.testkit.FakeMemoryApiServer;
import dev.claudememory.testkit.Redactor;
import dev.claudememory.testkit.ServerMemory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Runs one client's steps of a {@link SoakPlan} in order until time is up, records what each
 * answer acknowledged in the {@link SoakLedger} and what it did in the {@link SoakTally}.
 */
final class SoakDriver {
  /** How many memories of the other file a step looks at before it gives up on handing one over. */
  private static final int HAND_OVER_TRIES = 3;
  /** How recall shows a sensitive memory in place of its content. */
  private static final String MASKED = "[SENSITIVE";

  private final SoakClient client;
  private final SoakPlan plan;
  private final SoakLedger ledger;
  private final SoakTally tally;
  private final FakeMemoryApiServer api;
  private final Map<String, Path> databases;
  private int stores;
  private int stepNumber;

  /** @param databases each database file's path, by file name */
  SoakDriver(
      SoakClient client, SoakPlan plan, SoakLedger ledger, SoakTally tally, FakeMemoryApiServer api,
      Map<String, Path> databases) {
    this.client = client;
    this.plan = plan;
    this.ledger = ledger;
    this.tally = tally;
    this.api = api;
    this.databases = Map.copyOf(databases);
  }

  /** Performs the client's steps until {@code end} ({@link System#nanoTime()}). */
  void run(long end) throws Exception {
    for (SoakPlan.Step step : plan.steps(client.name())) {
      if (System.nanoTime() - end >= 0) {
        return;
      }
      stepNumber++;
      Thread.sleep(step.pauseMillis());
      if (step.kill() == SoakPlan.Kill.BETWEEN_CALLS) {
        // the process may be in the middle of a sync cycle
        client.killAndRestart();
        tally.killed(SoakPlan.Kill.BETWEEN_CALLS);
        trace("killed between calls");
      }
      switch (step.action()) {
        case STORE:
          store(step);
          break;
        case UPDATE:
        case DELETE:
          Optional<SoakLedger.Claim> claim = claim(step);
          if (claim.isPresent()) {
            write(step, claim.get());
          } else {
            store(step); // nothing of that kind to write yet
          }
          break;
        case RECALL:
          recall(step);
          break;
        default:
          throw new AssertionError(step.action());
      }
    }
  }

  private void store(SoakPlan.Step step) throws Exception {
    String token = client.name() + (++stores);
    SoakLedger.Family family;
    String content;
    String keywords;
    if (step.text() == SoakPlan.Text.REPEATED) {
      family = SoakLedger.Family.REPEATED;
      content = plan.repeatedText(step.repeatedText());
      // The same text and terms stored on two machines the moment one's create got no answer
      // cannot be told apart by any client (the API neither deduplicates nor keeps a client's
      // key), and become one memory (README, sync): each file's repeated texts carry a term of
      // their own, so the look-up is held to telling another machine's memory by its terms.
      keywords = plan.repeatedKeywords(step.repeatedText()) + " " + client.file();
    } else {
      family = SoakLedger.Family.NOTE;
      content = noteContent(step, token, 0);
      keywords = step.keywords();
    }
    Optional<JsonNode> result =
        call("memory_store", arguments("content", content, "expanded_keywords", keywords), step);
    if (result.isEmpty()) {
      ledger.storeUnanswered(token, family, client.name(), client.file(), content);
      trace("store " + token + " " + step.text() + ": unanswered");
    } else if (!succeeded("memory_store", result.get())) {
      trace("store " + token + ": refused");
    } else if (alreadyHeld(result.get())) {
      // this file already holds the text (the client does not allow duplicates): nothing stored
      tally.count(SoakTally.Counted.ALREADY_HELD);
      trace("store " + token + " " + step.text() + ": already held");
    } else {
      long localId = StoredMemories.idOf(result.get());
      ledger.stored(token, family, client.name(), client.file(), content, localId);
      if (family == SoakLedger.Family.REPEATED) {
        tally.count(SoakTally.Counted.REPEATED_TEXT_STORE);
      } else if (step.text() == SoakPlan.Text.SENSITIVE) {
        tally.count(SoakTally.Counted.SENSITIVE_STORE);
      }
      trace("store " + token + " " + step.text() + " as #" + localId + ": acknowledged");
    }
  }

  private static boolean alreadyHeld(JsonNode storeResult) {
    return storeResult.path("structuredContent").path("duplicate").asBoolean();
  }

  /**
   * A memory this step may write, chosen by its pick: one of this file's at once; one of the other
   * file's only when the server and both files agree on its content and neither has a queued op
   * for it, so this file's write comes after every earlier one reached the server.
   */
  private Optional<SoakLedger.Claim> claim(SoakPlan.Step step) throws SQLException {
    for (int tries = 0; tries < HAND_OVER_TRIES; tries++) {
      Optional<SoakLedger.Claim> claim = ledger.claim(client.name(), client.file(), step.whose(), step.pick() + tries);
      if (claim.isEmpty() || claim.get().owner().equals(client.file())) {
        return claim;
      }
      Optional<SqliteFile.LocalMemory> here = settledHere(claim.get());
      if (here.isPresent()) {
        ledger.handOver(claim.get().token(), client.file(), here.get().id());
        trace("took " + claim.get().token() + " over from file " + claim.get().owner() + " (#"
            + claim.get().ownerLocalId() + " there, server id " + here.get().serverId().orElseThrow() + ")");
        return claim;
      }
      ledger.release(claim.get().token());
    }
    return Optional.empty();
  }

  /** Its row in this client's file, if the memory is settled as described at {@link #claim}. */
  private Optional<SqliteFile.LocalMemory> settledHere(SoakLedger.Claim claim) throws SQLException {
    String content = claim.content().orElseThrow();
    Path ownerFile = databases.get(claim.owner());
    Optional<SqliteFile.LocalMemory> there = SqliteFile.memory(ownerFile, claim.ownerLocalId());
    if (there.isEmpty() || there.get().serverId().isEmpty() || !sameContent(there.get().content(), content)
        || SqliteFile.queuedOpsFor(ownerFile, claim.ownerLocalId()) > 0) {
      return Optional.empty();
    }
    long serverId = there.get().serverId().get();
    Optional<ServerMemory> onServer = api.memory(serverId);
    if (onServer.isEmpty() || onServer.get().isDeleted() || !onServer.get().originalContent().equals(content)) {
      return Optional.empty();
    }
    Path hereFile = databases.get(client.file());
    Optional<SqliteFile.LocalMemory> here = SqliteFile.memoryWithServerId(hereFile, serverId);
    if (here.isEmpty() || !sameContent(here.get().content(), content)
        || SqliteFile.queuedOpsFor(hereFile, here.get().id()) > 0) {
      return Optional.empty();
    }
    // local ids are never handed out twice: a row another memory already has is that memory
    Optional<String> other = ledger.tokenAt(client.file(), here.get().id());
    if (other.isPresent() && !other.get().equals(claim.token())) {
      // while the API keeps its data a server id names one memory; after, the owner's row may
      // still carry an id the server has given another memory
      if (!ledger.serverIdsReused()) {
        tally.problem("file " + client.file() + ": row #" + here.get().id() + " is " + other.get()
            + ", and holds " + claim.token() + "'s server id " + serverId + ": two memories were taken for one");
      }
      return Optional.empty();
    }
    return here;
  }

  private static boolean sameContent(String held, String content) {
    return held.equals(content) || held.equals(Redactor.redact(content));
  }

  private void write(SoakPlan.Step step, SoakLedger.Claim claim) throws Exception {
    String token = claim.token();
    long localId = ledger.localIdIn(token, client.file());
    String whose = claim.owner().equals(client.file()) ? step.whose().name() : "handed over";
    Optional<SoakTally.Counted> counted =
        !claim.owner().equals(client.file()) ? Optional.of(SoakTally.Counted.OTHER_FILE_WRITE)
            : step.whose() == SoakPlan.Whose.SAME_FILE ? Optional.of(SoakTally.Counted.SAME_FILE_WRITE)
            : Optional.empty();
    if (step.action() == SoakPlan.Action.UPDATE) {
      String content =
          claim.family() == SoakLedger.Family.REPEATED
              ? otherRepeatedText(step.repeatedText(), ledger.possibleContents(token))
              : noteContent(step, token, ledger.nextVersion(token));
      Optional<JsonNode> result = call("memory_update", arguments("id", localId, "content", content), step);
      if (result.isEmpty()) {
        ledger.updateUnanswered(token, content);
        trace("update " + token + " (" + whose + ", #" + localId + "): unanswered");
      } else if (succeeded("memory_update", result.get())) {
        ledger.updated(token, content);
        counted.ifPresent(tally::count);
        trace("update " + token + " (" + whose + ", #" + localId + "): acknowledged");
      } else {
        ledger.release(token);
        trace("update " + token + " (" + whose + ", #" + localId + "): refused");
      }
    } else {
      Optional<JsonNode> result = call("memory_delete", arguments("id", localId), step);
      if (result.isEmpty()) {
        ledger.deleteUnanswered(token);
        trace("delete " + token + " (" + whose + ", #" + localId + "): unanswered");
      } else if (succeeded("memory_delete", result.get())) {
        ledger.deleted(token);
        counted.ifPresent(tally::count);
        trace("delete " + token + " (" + whose + ", #" + localId + "): acknowledged");
      } else {
        ledger.release(token);
        trace("delete " + token + " (" + whose + ", #" + localId + "): refused");
      }
    }
  }

  /** A repeated text other than every one the memory may hold now. */
  private String otherRepeatedText(int first, Set<String> held) {
    for (int i = 0; i < SoakPlan.REPEATED_TEXTS; i++) {
      String text = plan.repeatedText((first + i) % SoakPlan.REPEATED_TEXTS);
      if (!held.contains(text)) {
        return text;
      }
    }
    throw new AssertionError("a memory may hold every repeated text at once: " + held);
  }

  private static String noteContent(SoakPlan.Step step, String token, int version) {
    return step.text() == SoakPlan.Text.SENSITIVE
        ? SoakLedger.sensitiveNote(token, version, step.words(), step.secret())
        : SoakLedger.note(token, version, step.words());
  }

  private void recall(SoakPlan.Step step) throws Exception {
    String context = step.words().split(" ")[0];
    Optional<JsonNode> result =
        call("memory_recall", arguments("context", context, "expanded_query", step.keywords()), step);
    if (result.isEmpty()) {
      trace("recall " + context + ": unanswered");
      return;
    }
    if (succeeded("memory_recall", result.get())) {
      // the whole result: its text and its structured content
      Matcher secret = SoakLedger.SECRET.matcher(result.get().toString());
      List<String> shown = new ArrayList<>();
      while (secret.find()) {
        shown.add(secret.group());
      }
      if (!shown.isEmpty()) {
        tally.problem(client.name() + ": recall showed the secret of a sensitive memory: " + shown);
      }
      if (text(result.get()).contains(MASKED)) {
        tally.count(SoakTally.Counted.RECALL_MASKED_A_SECRET);
      }
      trace("recall " + context + ": acknowledged");
    }
  }

  /**
   * Calls a tool; when the step kills during the call, sends SIGKILL a moment after the call went
   * out and restarts the process. Empty when the answer never arrived.
   */
  private Optional<JsonNode> call(String tool, ObjectNode arguments, SoakPlan.Step step) throws Exception {
    McpProcess process = client.process();
    long id = process.sendToolCall(tool, arguments);
    if (step.kill() != SoakPlan.Kill.DURING_CALL) {
      return Optional.of(process.awaitToolResult(id));
    }
    Thread.sleep(step.killDelayMillis());
    process.kill();
    Optional<JsonNode> answer = process.answerIfArrived(id).map(response -> response.path("result"));
    client.restart();
    tally.killed(SoakPlan.Kill.DURING_CALL);
    if (answer.isEmpty()) {
      tally.unanswered();
    }
    return answer;
  }

  private boolean succeeded(String tool, JsonNode result) {
    if (result.path("isError").asBoolean()) {
      tally.problem(client.name() + ": " + tool + " answered an error: " + text(result));
      return false;
    }
    tally.acknowledged(tool);
    return true;
  }

  private void trace(String what) {
    tally.trace(client.name(), stepNumber + " " + what);
  }
}
