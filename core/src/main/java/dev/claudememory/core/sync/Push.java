package dev.claudememory.core.sync;

import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.port.MemoryStore;
import dev.claudememory.core.port.MemoryWriter;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.port.RetiredServerId;
import dev.claudememory.core.port.ServerLink;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteResult;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Pushes queued ops in three steps: record the attempts (write-ahead), send them with no
 * transaction open, record the outcomes. Changes merged into an op while it was in flight are
 * kept for the next push.
 */
final class Push {
  private static final System.Logger LOG = System.getLogger(Push.class.getName());

  private final MemoryStore store;
  private final RemoteMemoryApi api;
  private final Clock clock;
  private final Backoff backoff;
  private final SyncOptions options;

  Push(MemoryStore store, RemoteMemoryApi api, Clock clock, Backoff backoff, SyncOptions options) {
    this.store = store;
    this.api = api;
    this.clock = clock;
    this.backoff = backoff;
    this.options = options;
  }

  /**
   * The op as sent, with the fields it carried (none for a delete) and, for a change of a memory
   * the server holds, the {@code created_at} of the copy it is meant for, when known.
   */
  private record Attempt(
      PendingOp op, Optional<MemoryFields> fields, Optional<String> copyCreatedAt, Optional<LostCopy> sentAgainOf) {
    /** What goes out: the create of a memory sent again is marked with the copy the server lost. */
    MemoryFields sent() {
      MemoryFields memory = fields.orElseThrow();
      return sentAgainOf.map(lost -> SentAgainMark.added(memory, lost)).orElse(memory);
    }
  }

  /**
   * A send's answer; {@code importRefused} when the import it went in was refused whole,
   * {@code idGivenAgain} when the server holds another memory under the id now (it lost the one
   * the change was for), so nothing was sent; {@code at} when it came back (a create it failed
   * made its copy, if any, by then).
   */
  private record Answer(RemoteResult<?> result, boolean importRefused, boolean idGivenAgain, Instant at) {}

  /**
   * Pushes these ops (of different memories) at once: one transaction records every attempt,
   * the requests go out on {@code sends} — the creates of each of {@code imports} in one import
   * request, everything else alone — and one transaction records every outcome. A send that
   * throws leaves its op written ahead, to be reconciled like a lost answer; the first such
   * exception is thrown once the others are settled.
   *
   * @return each op's outcome, those of {@code imports} first, in the order given
   */
  List<PushOutcome> pushAll(List<List<PendingOp>> imports, List<PendingOp> singles, Executor sends) {
    List<PendingOp> queued = new ArrayList<>();
    imports.forEach(queued::addAll);
    queued.addAll(singles);
    List<Optional<Attempt>> attempts =
        store.write(writer -> queued.stream().map(op -> prepare(writer, op.id())).collect(Collectors.toList()));
    List<CompletableFuture<Answer>> requests = new ArrayList<>(Collections.nCopies(queued.size(), null));
    int first = 0;
    for (List<PendingOp> batch : imports) {
      sendAsOneImport(attempts, first, first + batch.size(), requests, sends);
      first += batch.size();
    }
    for (int i = 0; i < queued.size(); i++) {
      Optional<Attempt> attempt = attempts.get(i);
      if (requests.get(i) == null && attempt.isPresent()) {
        requests.set(i, CompletableFuture.supplyAsync(() -> send(attempt.get()), sends));
      }
    }
    List<Optional<Answer>> answers = new ArrayList<>();
    RuntimeException firstFailure = null;
    for (CompletableFuture<Answer> request : requests) {
      try {
        answers.add(Optional.ofNullable(request).map(CompletableFuture::join));
      } catch (CompletionException e) {
        answers.add(Optional.empty());
        if (firstFailure == null) {
          firstFailure = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
      }
    }
    List<PushOutcome> outcomes =
        store.write(
            writer -> {
              List<PushOutcome> settled = new ArrayList<>();
              for (int i = 0; i < attempts.size(); i++) {
                Optional<Attempt> attempt = attempts.get(i);
                Optional<Answer> answer = answers.get(i);
                if (attempt.isEmpty() || answer.isEmpty()) {
                  settled.add(PushOutcome.SKIPPED);
                } else if (answer.get().importRefused()) {
                  settled.add(importRefused(writer, attempt.get()));
                } else if (answer.get().idGivenAgain()) {
                  settled.add(idGivenAgain(writer, attempt.get()));
                } else {
                  settled.add(complete(writer, attempt.get(), answer.get()));
                }
              }
              return settled;
            });
    if (firstFailure != null) {
      throw firstFailure;
    }
    return outcomes;
  }

  /**
   * Sends the creates among the attempts from {@code from} to {@code to} in one import, when there
   * are several; the others are left to go alone.
   */
  private void sendAsOneImport(
      List<Optional<Attempt>> attempts,
      int from,
      int to,
      List<CompletableFuture<Answer>> requests,
      Executor sends) {
    List<Integer> imported = new ArrayList<>();
    for (int i = from; i < to; i++) {
      if (attempts.get(i).filter(attempt -> attempt.op().kind() == OpKind.CREATE).isPresent()) {
        imported.add(i);
      }
    }
    if (imported.size() > 1) {
      List<Attempt> batch = imported.stream().map(i -> attempts.get(i).orElseThrow()).collect(Collectors.toList());
      CompletableFuture<List<Answer>> importing = CompletableFuture.supplyAsync(() -> importAll(batch), sends);
      for (int k = 0; k < imported.size(); k++) {
        int position = k;
        requests.set(imported.get(k), importing.thenApply(answers -> answers.get(position)));
      }
    }
  }

  /**
   * One import for these creates. A refusal (an invalid memory, or a server without the import)
   * created none of them; any other failure is each create's own, and the write-ahead covers an
   * answer lost after the server committed them all.
   */
  private List<Answer> importAll(List<Attempt> batch) {
    RemoteResult<List<CreatedMemory>> result =
        api.importAll(batch.stream().map(Attempt::sent).collect(Collectors.toList()));
    Instant at = clock.instant();
    List<Answer> answers = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      if (result instanceof RemoteResult.Ok) {
        CreatedMemory created = ((RemoteResult.Ok<List<CreatedMemory>>) result).value().get(i);
        answers.add(new Answer(RemoteResult.ok(created), false, false, at));
      } else {
        boolean refused = result instanceof RemoteResult.Rejected || result instanceof RemoteResult.NotFound;
        answers.add(new Answer(result, refused, false, at));
      }
    }
    return answers;
  }

  /** Nothing of a refused import reached the server: the op waits to be sent alone. */
  private static PushOutcome importRefused(MemoryWriter writer, Attempt attempt) {
    Optional<PendingOp> current = writer.outbox().byId(attempt.op().id());
    if (current.isEmpty()) {
      return PushOutcome.SKIPPED;
    }
    PendingOp op = current.get();
    if (op.kind() == OpKind.DELETE && op.serverId().isEmpty()) {
      writer.outbox().remove(op.id()); // deleted while in flight, and never created there
      return PushOutcome.SKIPPED;
    }
    writer.outbox().save(op.withUnconfirmedContent(Optional.empty()));
    return PushOutcome.IMPORT_REFUSED;
  }

  private Optional<Attempt> prepare(MemoryWriter writer, long opId) {
    Optional<PendingOp> found = writer.outbox().byId(opId);
    if (found.isEmpty() || found.get().isParked() || found.get().needsReconciliation()) {
      return Optional.empty();
    }
    PendingOp op = found.get();
    Instant sentAt = clock.instant();
    Instant landed = sentAt.plus(options.landingWindow());
    if (op.kind() == OpKind.DELETE) {
      Optional<String> deletedCopy =
          op.serverId().flatMap(writer.syncState()::retired).flatMap(RetiredServerId::serverCreatedAt);
      return Optional.of(
          new Attempt(
              writer.outbox().save(op.sending(Optional.empty(), sentAt, landed)), Optional.empty(), deletedCopy,
              Optional.empty()));
    }
    Optional<Memory> memory = op.memoryId().flatMap(writer::find);
    if (memory.isEmpty()) {
      writer.outbox().remove(op.id()); // the row is gone and no delete was queued: nothing to send
      return Optional.empty();
    }
    MemoryFields fields = MemoryFields.of(memory.get());
    Optional<MemoryFields> created = op.kind() == OpKind.CREATE ? Optional.of(fields) : Optional.empty();
    Optional<String> copy = writer.linkOf(memory.get().id()).flatMap(ServerLink::serverCreatedAt);
    // the version this machine sends of a memory sent again is weighed against another machine's
    Optional<LostCopy> sentVersion =
        writer.syncState().lostCopyOf(memory.get().id()).map(lost -> lost.sentAt(memory.get().updatedAt()));
    sentVersion.ifPresent(lost -> writer.syncState().rememberLostCopy(memory.get().id(), lost, sentAt));
    Optional<LostCopy> sentAgainOf = op.kind() == OpKind.CREATE ? sentVersion : Optional.empty();
    return Optional.of(
        new Attempt(writer.outbox().save(op.sending(created, sentAt, landed)), Optional.of(fields), copy, sentAgainOf));
  }

  private Answer send(Attempt attempt) {
    PendingOp op = attempt.op();
    if (op.kind() == OpKind.CREATE) {
      return answered(api.create(attempt.sent(), op.key()));
    }
    ServerId id = op.serverId().orElseThrow();
    if (attempt.copyCreatedAt().isPresent()) {
      // the API has no conditional change: the copy is looked at first, so a change never reaches
      // another memory the server gave this id after it lost its data
      RemoteResult<RemoteMemory> current = api.get(id);
      if (current instanceof RemoteResult.Ok) {
        RemoteMemory shown = ((RemoteResult.Ok<RemoteMemory>) current).value();
        if (!LostServerCopies.sameCopy(attempt.copyCreatedAt(), shown)) {
          return new Answer(current, false, true, clock.instant());
        }
      } else if (current instanceof RemoteResult.RetryLater || current instanceof RemoteResult.AuthFailed) {
        return answered(current);
      }
    }
    switch (op.kind()) {
      case UPDATE:
        RemoteResult<ServerId> updated = api.update(id, attempt.fields().orElseThrow(), op.key());
        if (updated instanceof RemoteResult.NotFound) {
          return answered(confirmDeletedOnServer(op, updated));
        }
        return answered(permissionOrAuth(updated));
      case DELETE:
        return answered(permissionOrAuth(api.delete(id, op.key())));
      default:
        throw new AssertionError(op.kind());
    }
  }

  /**
   * The server holds another memory under the id the change was for: an update's memory is sent
   * again as a new one, a delete has nothing left to delete.
   */
  private PushOutcome idGivenAgain(MemoryWriter writer, Attempt attempt) {
    Optional<PendingOp> current = writer.outbox().byId(attempt.op().id());
    if (current.isEmpty()) {
      return PushOutcome.SKIPPED;
    }
    PendingOp op = current.get();
    Instant now = clock.instant();
    if (op.kind() == OpKind.UPDATE && op.memoryId().flatMap(writer::find).isPresent()) {
      LostServerCopies.sendAgain(writer, op.memoryId().get(), now);
    } else {
      writer.outbox().remove(op.id());
      LostServerCopies.fullResyncDue(writer.syncState(), now);
    }
    return PushOutcome.SKIPPED;
  }

  /**
   * A 403 on a change means either a refused key or no permission on this memory (the memory of
   * someone who shared it): when the key still passes the auth check, the change is refused for
   * good rather than retried forever.
   */
  private RemoteResult<?> permissionOrAuth(RemoteResult<ServerId> result) {
    if (result instanceof RemoteResult.AuthFailed && api.checkAuth() instanceof RemoteResult.Ok) {
      return new RemoteResult.Rejected<>(403, "no permission to change this memory on the server");
    }
    return result;
  }

  /**
   * An update answered 404: the memory was deleted on the server, or a proxy answered. Only when
   * the API itself says the memory is gone is the answer trusted.
   */
  private RemoteResult<?> confirmDeletedOnServer(PendingOp op, RemoteResult<ServerId> notFound) {
    if (api.get(op.serverId().orElseThrow()) instanceof RemoteResult.NotFound
        && api.checkAuth() instanceof RemoteResult.Ok) {
      return notFound;
    }
    return new RemoteResult.RetryLater<>(
        RemoteResult.Why.SERVER_ERROR, "the update answered 404 but the memory may still exist");
  }

  /**
   * By when a create that failed with {@code answer} made its copy on the server, if it did: an
   * answer comes once the request is done with; one given up on may still be on its way.
   */
  private Instant landedBy(Answer answer) {
    boolean unanswered =
        answer.result() instanceof RemoteResult.RetryLater
            && ((RemoteResult.RetryLater<?>) answer.result()).why() == RemoteResult.Why.NO_ANSWER;
    return unanswered ? answer.at().plus(options.landingWindow()) : answer.at();
  }

  /** No connection was made: the request never left, so the server cannot hold what it sent. */
  private static boolean reachedNothing(RemoteResult<?> result) {
    return result instanceof RemoteResult.RetryLater
        && ((RemoteResult.RetryLater<?>) result).why() == RemoteResult.Why.UNREACHABLE;
  }

  private Answer answered(RemoteResult<?> result) {
    return new Answer(result, false, false, clock.instant());
  }

  private PushOutcome complete(MemoryWriter writer, Attempt attempt, Answer answer) {
    RemoteResult<?> result = answer.result();
    Optional<PendingOp> current = writer.outbox().byId(attempt.op().id());
    if (current.isEmpty()) {
      return PushOutcome.SKIPPED;
    }
    Instant now = clock.instant();
    if (result instanceof RemoteResult.Ok) {
      succeeded(writer, attempt, current.get(), ((RemoteResult.Ok<?>) result).value(), now);
      return PushOutcome.PUSHED;
    }
    PendingOp op = current.get();
    if (attempt.op().kind() == OpKind.CREATE && reachedNothing(result)) {
      if (op.kind() == OpKind.DELETE && op.serverId().isEmpty()) {
        writer.outbox().remove(op.id()); // deleted while it was tried, and never created there
        return PushOutcome.SKIPPED;
      }
      op = op.withUnconfirmedContent(Optional.empty());
    } else if (attempt.op().kind() == OpKind.CREATE) {
      op = op.landedBy(landedBy(answer));
    }
    String reason = describe(result);
    writer.syncState().put(SyncKeys.LAST_ERROR, reason);
    if (result instanceof RemoteResult.RetryLater) {
      Duration wait = backoff.delayAfter(op.attempts());
      if (op.needsReconciliation() && wait.compareTo(options.landingWindow()) < 0) {
        wait = options.landingWindow(); // a create whose answer was given up on may still land
      }
      writer.outbox().save(op.failed(reason, now.plus(wait)));
      return PushOutcome.RETRY_LATER;
    }
    writer.syncState().put(SyncKeys.LAST_CONTACT, Timestamps.format(now));
    if (result instanceof RemoteResult.AuthFailed) {
      if (writer.syncState().get(SyncKeys.AUTH_FAILED).isEmpty()) {
        writer.syncState().put(SyncKeys.AUTH_FAILED, Timestamps.format(now));
      }
      writer.outbox().save(op.failed(reason, op.nextAttemptAt()));
      return PushOutcome.AUTH_FAILED;
    }
    if (result instanceof RemoteResult.NotFound && attempt.op().kind() == OpKind.UPDATE) {
      // Deleted there, or lost with the server's data: only the full resync, which lists deleted
      // memories too, tells which. It runs before the op is due again: a delete there deletes the
      // row here (the server wins), a loss sends the memory again.
      if (op.kind() == OpKind.DELETE) {
        writer.outbox().remove(op.id()); // deleted here meanwhile: nothing left to do either way
      } else {
        writer.outbox().save(op.failed(reason, now.plus(options.interval())));
      }
      LostServerCopies.fullResyncDue(writer.syncState(), now);
      return PushOutcome.SKIPPED;
    }
    if (attempt.op().kind() == OpKind.CREATE) {
      // refused: the server holds nothing of it, so there is nothing to look for there either
      if (op.kind() == OpKind.DELETE && op.serverId().isEmpty()) {
        writer.outbox().remove(op.id()); // deleted while in flight, and never created there
        return PushOutcome.SKIPPED;
      }
      op = op.withUnconfirmedContent(Optional.empty());
    }
    writer.outbox().save(op.parked(reason));
    LOG.log(
        Level.WARNING,
        "the server refused " + op.describe() + " for good: " + reason
            + "; it is kept, parked, for you to retry or discard (claude-memory sync dead-letter list)");
    return PushOutcome.PARKED;
  }

  private static void succeeded(
      MemoryWriter writer, Attempt attempt, PendingOp op, Object answer, Instant now) {
    boolean unchangedSinceSent = op.revision() == attempt.op().revision();
    if (attempt.op().kind() == OpKind.CREATE) {
      CreatedMemory created = (CreatedMemory) answer;
      op.memoryId().ifPresent(id -> LostServerCopies.createdAs(writer, id, created.id(), now));
      // The memory is linked to that copy once a pull shows it with what was sent: a server that
      // lost its data before then may already have given the id to another memory. A memory
      // deleted while in flight is deleted there once its copy is known.
      writer.outbox().save(op.answered(created.id(), now));
      return;
    }
    if (op.kind() == OpKind.DELETE && attempt.op().kind() == OpKind.UPDATE) {
      return; // deleted while the update was in flight: the delete is still queued
    }
    if (unchangedSinceSent) {
      writer.outbox().remove(op.id());
    } else if (op.kind() == OpKind.UPDATE) {
      writer.outbox().save(op.copyHolds(attempt.fields().orElseThrow()));
    }
  }

  static String describe(RemoteResult<?> result) {
    if (result instanceof RemoteResult.RetryLater) {
      return ((RemoteResult.RetryLater<?>) result).reason();
    }
    if (result instanceof RemoteResult.AuthFailed) {
      return "the API refused the key: " + ((RemoteResult.AuthFailed<?>) result).reason();
    }
    if (result instanceof RemoteResult.NotFound) {
      return "not found on the server: " + ((RemoteResult.NotFound<?>) result).reason();
    }
    if (result instanceof RemoteResult.Rejected) {
      RemoteResult.Rejected<?> rejected = (RemoteResult.Rejected<?>) result;
      return "HTTP " + rejected.status() + ": " + rejected.reason();
    }
    if (result instanceof RemoteResult.Ok) {
      return "ok";
    }
    throw new AssertionError(result);
  }
}
