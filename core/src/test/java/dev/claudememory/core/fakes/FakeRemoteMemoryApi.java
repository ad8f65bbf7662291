package dev.claudememory.core.fakes;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.SensitiveContent;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.MemoryShare;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteRecall;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.remote.RemoteSecret;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.remote.SharedMemory;
import dev.claudememory.core.remote.TagShare;
import dev.claudememory.core.sync.IdempotencyKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The remote memory API in memory, as SPEC §6 describes the server where sync depends on it:
 * server ids of its own (from 1001, so they never look like local ids), soft deletes with {@code
 * deleted_at}, {@code changesSince} with the server's {@code since} semantics and a {@code
 * server_time} read before the query, importance stored as float4, the API's 422 validation,
 * credentials redacted as {@code [REDACTED:password]} (the original kept as in a vault), and no
 * deduplication by idempotency key. Every call is recorded. Times come from the shared {@link
 * SettableClock}.
 *
 * <p>Scripted failures, checked in this order on every call: {@link #setAuthFailing} (every call
 * answers {@code AuthFailed}); {@link #failNextCalls} (the next n calls answer {@code RetryLater}
 * and change nothing), {@link #failNext} (the same, for one kind of call) and {@link #answerNext}
 * (a scripted failure for one kind of call); then, for mutating calls, {@link #rejectContent} and validation ({@code
 * Rejected}), {@link #beforeNext} actions, the change itself, {@link #afterNext} actions, and
 * {@link #loseNextCreateAnswers} (a create is stored but answers {@code RetryLater}, as a timeout
 * after the server committed would). {@link #refuseCallsWhile} turns a call made at the wrong
 * moment (inside a database transaction) into an {@link AssertionError}.
 *
 * <p>Sharing: the fake's user is {@value #USER_NAME}; shares are recorded and listed by {@code
 * myShares}, sharing with that user is a 400 and sharing a memory that is not live a 404. Nothing
 * is shared with the user unless another user does so through {@link #shareWithMeElsewhere}.
 *
 * <p>Thread-safe: calls are serialized.
 */
public final class FakeRemoteMemoryApi implements RemoteMemoryApi {
  public static final String USER_ID = "user-1";
  /** The user's name, as others name it when they share with it. */
  public static final String USER_NAME = "fake-user";

  /** What the server's redaction recognizes: a password assignment, value up to a space. */
  private static final Pattern PASSWORD =
      Pattern.compile("(?i)\\b(password|passwd|pwd)(\\s*[=:]\\s*)[^\\s,;]+");

  private static final int MAX_CONTENT_CODE_POINTS = 1_400;
  private static final int MAX_FIELD_CHARACTERS = 500;
  private static final int PREVIEW_CODE_POINTS = 50;
  private static final String CANNOT_SHARE_WITH_YOURSELF = "Cannot share with yourself";

  /** The calls of the API, as recorded. */
  public enum Operation {
    CREATE,
    IMPORT,
    UPDATE,
    DELETE,
    CHANGES_SINCE,
    CHECK_AUTH,
    GET,
    RECALL,
    LIST,
    SECRET,
    SHARE,
    UNSHARE,
    SHARE_TAG,
    UNSHARE_TAG,
    SHARED_WITH_ME,
    MY_SHARES
  }

  /**
   * One call as the server received it.
   *
   * @param id the memory it named (update, delete, get, secret, share, unshare)
   * @param fields what a create or update sent
   * @param since the cursor a changes call sent
   */
  public record Call(
      Operation operation,
      Optional<ServerId> id,
      Optional<IdempotencyKey> key,
      Optional<MemoryFields> fields,
      Optional<String> since) {}

  private final SettableClock clock;
  private final TreeMap<Long, Row> rows = new TreeMap<>();
  private final Map<MemoryShareKey, Grant> memoryShares = new LinkedHashMap<>();
  private final Map<TagShareKey, TagShare> tagShares = new LinkedHashMap<>();
  private final List<SharedWithMe> sharedWithMe = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();
  private final Map<String, String> rejected = new HashMap<>();
  private final Map<Operation, Deque<Consumer<Call>>> before = new EnumMap<>(Operation.class);
  private final Map<Operation, Deque<Consumer<Call>>> after = new EnumMap<>(Operation.class);
  private static final long FIRST_ID = 1_001;
  private long lastId = FIRST_ID - 1;
  private int failNext;
  private final Map<Operation, Integer> failNextOf = new EnumMap<>(Operation.class);
  private final Map<Operation, Deque<RemoteResult<?>>> answers = new EnumMap<>(Operation.class);
  private final Map<Operation, Integer> unreachableNextOf = new EnumMap<>(Operation.class);
  private final Map<Operation, Deque<Runnable>> whileUnreachable = new EnumMap<>(Operation.class);
  private final Map<Operation, Integer> timeOutNextOf = new EnumMap<>(Operation.class);
  private int loseCreateAnswers;
  private boolean authFailing;
  private Duration callDuration = Duration.ZERO;
  private BooleanSupplier refuseWhile = () -> false;

  public FakeRemoteMemoryApi(SettableClock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  // --- scripting ---

  /** The next {@code n} calls, whatever they are, answer {@code RetryLater} and change nothing. */
  public synchronized void failNextCalls(int n) {
    failNext = n;
  }

  /** The next {@code n} calls of this kind answer {@code RetryLater} (a 503) and change nothing. */
  public synchronized void failNext(Operation operation, int n) {
    failNextOf.put(operation, n);
  }

  /**
   * The next call of this kind answers {@code failure} and changes nothing, as a proxy in front of
   * the API, or the API refusing one request (a 403 on a memory shared read-only), would answer.
   * Scripted answers of one kind are used up in the order given.
   */
  public synchronized void answerNext(Operation operation, RemoteResult<?> failure) {
    requireNonNull(failure, "failure");
    if (failure instanceof RemoteResult.Ok) {
      throw new IllegalArgumentException("only failures can be scripted: " + failure);
    }
    answers.computeIfAbsent(operation, key -> new ArrayDeque<>()).add(failure);
  }

  /** The next {@code n} calls of this kind get no answer before the timeout, and change nothing. */
  public synchronized void timeOutNext(Operation operation, int n) {
    timeOutNextOf.put(operation, n);
  }

  /** The next {@code n} calls of this kind find no server to connect to, and change nothing. */
  public synchronized void unreachableNext(Operation operation, int n) {
    unreachableNextOf.put(operation, n);
  }

  /**
   * The next call of this kind finds no server to connect to, changes nothing, and {@code meanwhile}
   * runs while it tries (what the client's process does in the meantime).
   */
  public synchronized void unreachableNext(Operation operation, Runnable meanwhile) {
    unreachableNextOf.merge(operation, 1, Integer::sum);
    whileUnreachable.computeIfAbsent(operation, key -> new ArrayDeque<>()).add(meanwhile);
  }

  /** The next {@code n} creates are stored, then answer {@code RetryLater} (answer lost). */
  public synchronized void loseNextCreateAnswers(int n) {
    loseCreateAnswers = n;
  }

  /** While set, every call (auth check included) answers {@code AuthFailed}, as for a bad key. */
  public synchronized void setAuthFailing(boolean failing) {
    authFailing = failing;
  }

  /** Creates and updates carrying exactly this content answer {@code Rejected(422, reason)}. */
  public synchronized void rejectContent(String content, String reason) {
    rejected.put(requireNonNull(content, "content"), requireNonNull(reason, "reason"));
  }

  public synchronized void stopRejecting() {
    rejected.clear();
  }

  /**
   * Runs {@code action} once, during the next call of this kind that gets past the scripted
   * failures, before the server applies it (the request is in transit).
   */
  public synchronized void beforeNext(Operation operation, Consumer<Call> action) {
    before.computeIfAbsent(operation, key -> new ArrayDeque<>()).add(action);
  }

  /**
   * Runs {@code action} once, during the next call of this kind, after the server applied it and
   * before it answers (the answer is in transit).
   */
  public synchronized void afterNext(Operation operation, Consumer<Call> action) {
    after.computeIfAbsent(operation, key -> new ArrayDeque<>()).add(action);
  }

  /** Every call moves the shared clock on by this much, as a slow server would. */
  public synchronized void setCallDuration(Duration duration) {
    callDuration = requireNonNull(duration, "duration");
  }

  /** A call made while {@code condition} holds fails the test with an {@link AssertionError}. */
  public synchronized void refuseCallsWhile(BooleanSupplier condition) {
    refuseWhile = requireNonNull(condition, "condition");
  }

  /** Ends every scripted failure, rejection, pending action and slowness. */
  public synchronized void behave() {
    failNext = 0;
    failNextOf.clear();
    answers.clear();
    unreachableNextOf.clear();
    whileUnreachable.clear();
    timeOutNextOf.clear();
    loseCreateAnswers = 0;
    authFailing = false;
    rejected.clear();
    before.clear();
    after.clear();
    callDuration = Duration.ZERO;
  }

  // --- what other machines do, never recorded as calls ---

  /** Another machine stores a memory. */
  public synchronized ServerId createElsewhere(String content) {
    return createElsewhere(new MemoryFields(content, "facts", "", "", 0.5, false));
  }

  public synchronized ServerId createElsewhere(MemoryFields fields) {
    Instant now = now();
    return new ServerId(insert(fields, now, now).id);
  }

  /**
   * A memory whose transaction committed late: it carries an {@code updated_at} older than the
   * server's clock, as a row written by a slow concurrent transaction does.
   */
  public synchronized ServerId commitLate(String content, Instant updatedAt) {
    return commitLate(new MemoryFields(content, "facts", "", "", 0.5, false), updatedAt);
  }

  public synchronized ServerId commitLate(MemoryFields fields, Instant updatedAt) {
    Instant at = updatedAt.truncatedTo(ChronoUnit.MICROS);
    return new ServerId(insert(fields, at, at).id);
  }

  /** Another machine changes a live memory's content. */
  public synchronized void editElsewhere(ServerId id, String content) {
    Row row = live(id).orElseThrow(() -> new IllegalArgumentException("no live memory " + id));
    editElsewhere(id, new MemoryFields(content, row.category, row.tags, row.keywords,
        row.importance, row.sensitive));
  }

  /**
   * Another machine's edit whose transaction committed late: stamped {@code updatedAt}, older
   * than the server's clock, but not older than the memory's last change (a transaction that
   * changed the row held it until it committed).
   */
  public synchronized void editLate(ServerId id, String content, Instant updatedAt) {
    Row row = live(id).orElseThrow(() -> new IllegalArgumentException("no live memory " + id));
    Instant at = updatedAt.truncatedTo(ChronoUnit.MICROS);
    apply(row, new MemoryFields(content, row.category, row.tags, row.keywords, row.importance,
        row.sensitive), at.isBefore(row.updatedAt) ? row.updatedAt : at);
  }

  /** Another machine replaces a live memory's fields. */
  public synchronized void editElsewhere(ServerId id, MemoryFields fields) {
    Row row = live(id).orElseThrow(() -> new IllegalArgumentException("no live memory " + id));
    apply(row, fields, now());
  }

  /** Another machine deletes a memory (soft delete). */
  public synchronized void deleteElsewhere(ServerId id) {
    Row row = live(id).orElseThrow(() -> new IllegalArgumentException("no live memory " + id));
    row.deletedAt = Optional.of(now());
    row.updatedAt = row.deletedAt.get();
  }

  /**
   * Another user ({@code sharedBy}) shares a memory of theirs with this user. It is not one of the
   * user's memories: it shows only in {@code sharedWithMe}.
   */
  public synchronized ServerId shareWithMeElsewhere(
      String sharedBy, String content, SharePermission permission) {
    requireNonNull(sharedBy, "sharedBy");
    requireNonNull(permission, "permission");
    Instant now = now();
    Row row = new Row(++lastId, now);
    apply(row, new MemoryFields(content, "facts", "", "", 0.5, false), now);
    sharedWithMe.add(new SharedWithMe(row, sharedBy, permission));
    return new ServerId(row.id);
  }

  // --- the server losing its data ---

  /** The server's memories and id sequence at one moment, as a backup holds them. */
  public static final class Backup {
    private final List<Row> rows;
    private final long lastId;

    private Backup(List<Row> rows, long lastId) {
      this.rows = rows;
      this.lastId = lastId;
    }
  }

  /** A backup of everything the server holds now. */
  public synchronized Backup backup() {
    return new Backup(rows.values().stream().map(Row::copy).collect(Collectors.toList()), lastId);
  }

  /**
   * The server's database is restored from {@code backup}: memories created since are gone,
   * deleted ones are live again, edits are undone, and ids are handed out again from the backup's.
   */
  public synchronized void restore(Backup backup) {
    rows.clear();
    backup.rows.forEach(row -> rows.put(row.id, row.copy()));
    lastId = backup.lastId;
  }

  /**
   * The server no longer holds {@code id}, and shows no delete of it: its database was restored
   * from a backup that lacks that memory while its ids went on.
   */
  public synchronized void lose(ServerId id) {
    rows.remove(id.value());
  }

  /** The server's database is recreated empty: every memory is gone and ids start again. */
  public synchronized void loseEverything() {
    rows.clear();
    lastId = FIRST_ID - 1;
  }

  // --- inspection ---

  /** What the user shares, as {@code myShares} would answer it, without recording a call. */
  public synchronized MyShares shares() {
    return currentShares();
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Call> calls(Operation operation) {
    return calls.stream().filter(call -> call.operation() == operation).collect(Collectors.toList());
  }

  /** Every live memory, by id. */
  public synchronized List<RemoteMemory> liveMemories() {
    return rows.values().stream()
        .filter(row -> row.deletedAt.isEmpty())
        .map(Row::toRemote)
        .collect(Collectors.toList());
  }

  /** Every memory the user ever stored, soft-deleted ones included, by id. */
  public synchronized List<RemoteMemory> everyMemory() {
    return rows.values().stream().map(Row::toRemote).collect(Collectors.toList());
  }

  /** The content of every live memory, by id. */
  public synchronized List<String> liveContents() {
    return liveMemories().stream().map(RemoteMemory::content).collect(Collectors.toList());
  }

  /** A memory, soft-deleted or not. */
  public synchronized Optional<RemoteMemory> memory(ServerId id) {
    return Optional.ofNullable(rows.get(id.value())).map(Row::toRemote);
  }

  /** The content as it was sent, before redaction (what the server keeps in its vault). */
  public synchronized Optional<String> originalOf(ServerId id) {
    return Optional.ofNullable(rows.get(id.value())).map(row -> row.original);
  }

  // --- the API ---

  @Override
  public synchronized RemoteResult<CreatedMemory> create(MemoryFields memory, IdempotencyKey key) {
    Call call = new Call(Operation.CREATE, Optional.empty(), Optional.of(key), Optional.of(memory),
        Optional.empty());
    Optional<RemoteResult<CreatedMemory>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<String> invalid = validate(memory);
    if (invalid.isPresent()) {
      return new RemoteResult.Rejected<>(422, invalid.get());
    }
    runActions(before, call);
    Instant now = now();
    Row row = insert(memory, now, now);
    runActions(after, call);
    if (loseCreateAnswers > 0) {
      loseCreateAnswers--;
      return new RemoteResult.RetryLater<>(RemoteResult.Why.NO_ANSWER, "timed out after the server stored it (scripted)");
    }
    return RemoteResult.ok(new CreatedMemory(new ServerId(row.id), row.category, row.importance));
  }

  /** All or nothing: one invalid memory refuses the batch with 422, as the real server does. */
  @Override
  public synchronized RemoteResult<List<CreatedMemory>> importAll(List<MemoryFields> memories) {
    Call call = new Call(Operation.IMPORT, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    Optional<RemoteResult<List<CreatedMemory>>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    for (int i = 0; i < memories.size(); i++) {
      Optional<String> invalid = validate(memories.get(i));
      if (invalid.isPresent()) {
        return new RemoteResult.Rejected<>(422, "memory " + i + ": " + invalid.get());
      }
    }
    runActions(before, call);
    Instant now = now();
    List<CreatedMemory> created = new ArrayList<>();
    for (MemoryFields memory : memories) {
      Row row = insert(memory, now, now);
      created.add(new CreatedMemory(new ServerId(row.id), row.category, row.importance));
    }
    runActions(after, call);
    if (loseCreateAnswers > 0) {
      loseCreateAnswers--;
      return new RemoteResult.RetryLater<>(RemoteResult.Why.NO_ANSWER, "timed out after the server stored them (scripted)");
    }
    return RemoteResult.ok(created);
  }

  @Override
  public synchronized RemoteResult<ServerId> update(
      ServerId id, MemoryFields memory, IdempotencyKey key) {
    Call call = new Call(Operation.UPDATE, Optional.of(id), Optional.of(key), Optional.of(memory),
        Optional.empty());
    Optional<RemoteResult<ServerId>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<String> invalid = validate(memory);
    if (invalid.isPresent()) {
      return new RemoteResult.Rejected<>(422, invalid.get());
    }
    runActions(before, call);
    Optional<Row> row = live(id);
    if (row.isEmpty()) {
      return new RemoteResult.NotFound<>("HTTP 404: memory " + id + " not found");
    }
    apply(row.get(), memory, now());
    runActions(after, call);
    return RemoteResult.ok(id);
  }

  /** Only the patch's fields change; a sensitive memory's original stays when content is not given. */
  @Override
  public synchronized RemoteResult<ServerId> patch(
      ServerId id, MemoryPatch patch, IdempotencyKey key) {
    Optional<Row> row = live(id);
    MemoryFields merged =
        row.map(
                current ->
                    new MemoryFields(
                        patch.content().map(Content::text).orElse(current.original),
                        patch.category().map(Category::name).orElse(current.category),
                        patch.tags().orElse(current.tags),
                        patch.expandedKeywords().orElse(current.keywords),
                        patch.importance().map(Importance::value).orElse(current.importance),
                        current.sensitive))
            // recorded and answered like any update of an unknown id
            .orElseGet(() -> new MemoryFields("unknown memory", "facts", "", "", 0.5, false));
    return update(id, merged, key);
  }

  @Override
  public synchronized RemoteResult<ServerId> delete(ServerId id, IdempotencyKey key) {
    Call call = new Call(Operation.DELETE, Optional.of(id), Optional.of(key), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<ServerId>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    runActions(before, call);
    // an unknown or already deleted id answers 200 "[already deleted]"
    live(id).ifPresent(row -> {
      row.deletedAt = Optional.of(now());
      row.updatedAt = row.deletedAt.get();
    });
    runActions(after, call);
    return RemoteResult.ok(id);
  }

  @Override
  public synchronized RemoteResult<ChangeSet> changesSince(Optional<String> since) {
    Call call = new Call(Operation.CHANGES_SINCE, Optional.empty(), Optional.empty(),
        Optional.empty(), since);
    Optional<RemoteResult<ChangeSet>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    String serverTime = Timestamps.format(now()); // taken before the query runs
    Optional<Instant> from = since.flatMap(Timestamps::parse);
    if (since.isPresent() && from.isEmpty()) {
      return new RemoteResult.RetryLater<>(RemoteResult.Why.SERVER_ERROR, "HTTP 500: unparsable since");
    }
    runActions(before, call);
    List<RemoteMemory> changed =
        rows.values().stream()
            .filter(row -> from.map(cursor -> row.updatedAt.isAfter(cursor))
                .orElse(row.deletedAt.isEmpty()))
            .sorted(Comparator.comparing((Row row) -> row.updatedAt).thenComparingLong(row -> row.id))
            .map(Row::toRemote)
            .collect(Collectors.toList());
    runActions(after, call);
    return RemoteResult.ok(new ChangeSet(changed, serverTime));
  }

  @Override
  public synchronized RemoteResult<String> checkAuth() {
    Call call = new Call(Operation.CHECK_AUTH, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<String>> refused = admit(call);
    return refused.orElseGet(() -> RemoteResult.ok(USER_ID));
  }

  @Override
  public synchronized RemoteResult<RemoteMemory> get(ServerId id) {
    Call call = new Call(Operation.GET, Optional.of(id), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<RemoteMemory>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    return live(id)
        .<RemoteResult<RemoteMemory>>map(row -> RemoteResult.ok(row.toRemote()))
        .orElseGet(() -> new RemoteResult.NotFound<>("HTTP 404: memory " + id + " not found"));
  }

  /** Any word of the context or expanded query, in content, tags or keywords; masked secrets. */
  @Override
  public synchronized RemoteResult<List<RemoteMemory>> recall(RemoteRecall query) {
    Call call = new Call(Operation.RECALL, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<List<RemoteMemory>>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    List<String> words =
        List.of((query.context() + " " + query.expandedQuery()).toLowerCase(Locale.ROOT).split("\\s+"));
    List<RemoteMemory> found =
        rows.values().stream()
            .filter(row -> row.deletedAt.isEmpty())
            .filter(row -> query.category().map(row.category::equals).orElse(true))
            .filter(row -> words.stream().anyMatch(word -> !word.isEmpty()
                && (row.content + " " + row.tags + " " + row.keywords)
                    .toLowerCase(Locale.ROOT).contains(word)))
            .limit(query.limit())
            .map(Row::masked)
            .collect(Collectors.toList());
    return RemoteResult.ok(found);
  }

  @Override
  public synchronized RemoteResult<List<RemoteMemory>> list(Optional<String> category, int limit) {
    Call call = new Call(Operation.LIST, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<List<RemoteMemory>>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    return RemoteResult.ok(
        rows.values().stream()
            .filter(row -> row.deletedAt.isEmpty())
            .filter(row -> category.map(row.category::equals).orElse(true))
            .sorted(Comparator.comparingDouble((Row row) -> row.importance).reversed())
            .limit(limit)
            .map(Row::masked)
            .collect(Collectors.toList()));
  }

  @Override
  public synchronized RemoteResult<RemoteSecret> secret(ServerId id) {
    Call call = new Call(Operation.SECRET, Optional.of(id), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<RemoteSecret>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    return live(id)
        .<RemoteResult<RemoteSecret>>map(row -> RemoteResult.ok(
            new RemoteSecret(row.original, row.sensitive ? "vault" : "plaintext")))
        .orElseGet(() -> new RemoteResult.NotFound<>("HTTP 404: memory " + id + " not found"));
  }

  @Override
  public synchronized RemoteResult<ServerId> share(
      ServerId id, String sharedWith, SharePermission permission) {
    requireNonNull(sharedWith, "sharedWith");
    requireNonNull(permission, "permission");
    Call call = new Call(Operation.SHARE, Optional.of(id), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<ServerId>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (sharedWith.isEmpty()) {
      return new RemoteResult.Rejected<>(422, "shared_with must not be empty");
    }
    runActions(before, call);
    if (live(id).isEmpty()) {
      return new RemoteResult.NotFound<>("HTTP 404: memory " + id + " not found");
    }
    if (sharedWith.equals(USER_NAME)) {
      return new RemoteResult.Rejected<>(400, CANNOT_SHARE_WITH_YOURSELF);
    }
    memoryShares.put(new MemoryShareKey(id, sharedWith),
        new Grant(permission, Timestamps.format(now())));
    runActions(after, call);
    return RemoteResult.ok(id);
  }

  @Override
  public synchronized RemoteResult<ServerId> unshare(ServerId id, String sharedWith) {
    requireNonNull(sharedWith, "sharedWith");
    Call call = new Call(Operation.UNSHARE, Optional.of(id), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<ServerId>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    runActions(before, call);
    if (live(id).isEmpty()) {
      return new RemoteResult.NotFound<>("HTTP 404: memory " + id + " not found");
    }
    // unsharing from someone it was never shared with is done all the same
    memoryShares.remove(new MemoryShareKey(id, sharedWith));
    runActions(after, call);
    return RemoteResult.ok(id);
  }

  @Override
  public synchronized RemoteResult<String> shareTag(
      String tag, String sharedWith, SharePermission permission) {
    requireNonNull(tag, "tag");
    requireNonNull(sharedWith, "sharedWith");
    requireNonNull(permission, "permission");
    Call call = new Call(Operation.SHARE_TAG, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<String>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (tag.isEmpty() || sharedWith.isEmpty()) {
      return new RemoteResult.Rejected<>(422, "tag and shared_with must not be empty");
    }
    runActions(before, call);
    if (sharedWith.equals(USER_NAME)) {
      return new RemoteResult.Rejected<>(400, CANNOT_SHARE_WITH_YOURSELF);
    }
    tagShares.put(new TagShareKey(tag, sharedWith),
        new TagShare(tag, sharedWith, permission.wireName(), Timestamps.format(now())));
    runActions(after, call);
    return RemoteResult.ok(tag);
  }

  @Override
  public synchronized RemoteResult<String> unshareTag(String tag, String sharedWith) {
    requireNonNull(tag, "tag");
    requireNonNull(sharedWith, "sharedWith");
    Call call = new Call(Operation.UNSHARE_TAG, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    Optional<RemoteResult<String>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    runActions(before, call);
    tagShares.remove(new TagShareKey(tag, sharedWith));
    runActions(after, call);
    return RemoteResult.ok(tag);
  }

  @Override
  public synchronized RemoteResult<List<SharedMemory>> sharedWithMe() {
    Call call = new Call(Operation.SHARED_WITH_ME, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    Optional<RemoteResult<List<SharedMemory>>> refused = admit(call);
    if (refused.isPresent()) {
      return refused.get();
    }
    return RemoteResult.ok(
        sharedWithMe.stream()
            .map(shared -> new SharedMemory(shared.row.masked(), shared.sharedBy,
                shared.permission.wireName()))
            .collect(Collectors.toList()));
  }

  @Override
  public synchronized RemoteResult<MyShares> myShares() {
    Call call = new Call(Operation.MY_SHARES, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
    Optional<RemoteResult<MyShares>> refused = admit(call);
    return refused.orElseGet(() -> RemoteResult.ok(currentShares()));
  }

  // --- the server's workings ---

  /** Records the call; answers the scripted failure it meets, if any. */
  private <T> Optional<RemoteResult<T>> admit(Call call) {
    calls.add(call);
    if (refuseWhile.getAsBoolean()) {
      throw new AssertionError("the API was called inside a database transaction: " + call);
    }
    if (!callDuration.isZero()) {
      clock.advance(callDuration);
    }
    if (authFailing) {
      return Optional.of(new RemoteResult.AuthFailed<>("HTTP 401: Invalid API key"));
    }
    if (failNext > 0) {
      failNext--;
      return Optional.of(new RemoteResult.RetryLater<>(RemoteResult.Why.SERVER_ERROR, "HTTP 503 (scripted)"));
    }
    int failing = failNextOf.getOrDefault(call.operation(), 0);
    if (failing > 0) {
      failNextOf.put(call.operation(), failing - 1);
      return Optional.of(new RemoteResult.RetryLater<>(RemoteResult.Why.SERVER_ERROR, "HTTP 503 (scripted)"));
    }
    int timingOut = timeOutNextOf.getOrDefault(call.operation(), 0);
    if (timingOut > 0) {
      timeOutNextOf.put(call.operation(), timingOut - 1);
      return Optional.of(
          new RemoteResult.RetryLater<>(RemoteResult.Why.NO_ANSWER, "no complete answer before the timeout (scripted)"));
    }
    int unreachable = unreachableNextOf.getOrDefault(call.operation(), 0);
    if (unreachable > 0) {
      unreachableNextOf.put(call.operation(), unreachable - 1);
      Optional.ofNullable(whileUnreachable.get(call.operation())).map(Deque::poll).ifPresent(Runnable::run);
      return Optional.of(
          new RemoteResult.RetryLater<>(
              RemoteResult.Why.UNREACHABLE, "connection refused at http://127.0.0.1:9 (scripted)"));
    }
    Deque<RemoteResult<?>> scripted = answers.get(call.operation());
    if (scripted != null && !scripted.isEmpty()) {
      @SuppressWarnings("unchecked") // a failure carries no value, so it is one of any type
      RemoteResult<T> answer = (RemoteResult<T>) scripted.poll();
      return Optional.of(answer);
    }
    return Optional.empty();
  }

  private void runActions(Map<Operation, Deque<Consumer<Call>>> actions, Call call) {
    Deque<Consumer<Call>> queue = actions.get(call.operation());
    Consumer<Call> action = queue == null ? null : queue.poll();
    if (action != null) {
      action.accept(call);
    }
  }

  /** The API's 422s: content, category, tags, keywords and importance out of bounds. */
  private Optional<String> validate(MemoryFields memory) {
    String reason = rejected.get(memory.content());
    if (reason != null) {
      return Optional.of(reason);
    }
    if (memory.content().isBlank()
        || memory.content().codePointCount(0, memory.content().length()) > MAX_CONTENT_CODE_POINTS) {
      return Optional.of("content must be 1 to 1400 characters");
    }
    try {
      Category.canonical(memory.category());
    } catch (InvalidInputException e) {
      return Optional.of("unknown category '" + memory.category() + "'");
    }
    if (memory.tags().length() > MAX_FIELD_CHARACTERS
        || memory.expandedKeywords().length() > MAX_FIELD_CHARACTERS) {
      return Optional.of("tags and expanded_keywords are at most 500 characters");
    }
    if (!(memory.importance() >= 0.0 && memory.importance() <= 1.0)) {
      return Optional.of("importance must be between 0 and 1");
    }
    return Optional.empty();
  }

  /** Shares of live memories only, each with the preview of what it shows now. */
  private MyShares currentShares() {
    List<MemoryShare> ofMemories = new ArrayList<>();
    memoryShares.forEach((key, grant) -> live(key.memoryId()).ifPresent(row -> ofMemories.add(
        new MemoryShare(key.memoryId(), key.sharedWith(), grant.permission().wireName(),
            Content.preview(row.masked().content(), PREVIEW_CODE_POINTS), grant.createdAt()))));
    return new MyShares(ofMemories, List.copyOf(tagShares.values()));
  }

  private Row insert(MemoryFields fields, Instant createdAt, Instant updatedAt) {
    Row row = new Row(++lastId, createdAt);
    apply(row, fields, updatedAt);
    rows.put(row.id, row);
    return row;
  }

  /** Stores the fields as the server does: canonical category, float4, credentials redacted. */
  private static void apply(Row row, MemoryFields fields, Instant now) {
    Matcher password = PASSWORD.matcher(fields.content());
    boolean redacted = password.find();
    row.original = fields.content();
    row.content = redacted ? password.replaceAll("$1$2[REDACTED:password]") : fields.content();
    row.category = canonicalOrAsIs(fields.category());
    row.tags = fields.tags();
    row.keywords = fields.expandedKeywords();
    row.importance = (float) fields.importance();
    row.sensitive =
        fields.forceSensitive() || redacted || SensitiveContent.looksLikeCredential(fields.content());
    row.updatedAt = now;
  }

  private static String canonicalOrAsIs(String category) {
    try {
      return Category.canonical(category).name();
    } catch (InvalidInputException e) {
      return category; // another machine's row may carry any name
    }
  }

  private Optional<Row> live(ServerId id) {
    return Optional.ofNullable(rows.get(id.value())).filter(row -> row.deletedAt.isEmpty());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private record MemoryShareKey(ServerId memoryId, String sharedWith) {}

  private record TagShareKey(String tag, String sharedWith) {}

  private record Grant(SharePermission permission, String createdAt) {}

  /** A memory of another user's, shared with this one. */
  private record SharedWithMe(Row row, String sharedBy, SharePermission permission) {}

  /** One memory in the server's table. */
  private static final class Row {
    final long id;
    final Instant createdAt;
    String original;
    String content;
    String category;
    String tags;
    String keywords;
    double importance;
    boolean sensitive;
    Instant updatedAt;
    Optional<Instant> deletedAt = Optional.empty();

    Row(long id, Instant createdAt) {
      this.id = id;
      this.createdAt = createdAt;
    }

    Row copy() {
      Row copy = new Row(id, createdAt);
      copy.original = original;
      copy.content = content;
      copy.category = category;
      copy.tags = tags;
      copy.keywords = keywords;
      copy.importance = importance;
      copy.sensitive = sensitive;
      copy.updatedAt = updatedAt;
      copy.deletedAt = deletedAt;
      return copy;
    }

    RemoteMemory toRemote() {
      return new RemoteMemory(new ServerId(id), content, category, tags, keywords, importance,
          sensitive, Timestamps.format(createdAt), Timestamps.format(updatedAt),
          deletedAt.map(Timestamps::format));
    }

    RemoteMemory masked() {
      RemoteMemory full = toRemote();
      return !sensitive ? full : new RemoteMemory(full.id(), "[SENSITIVE - use secret_get(id="
          + id + ")]", category, tags, keywords, importance, true, full.createdAt(),
          full.updatedAt(), full.deletedAt());
    }
  }
}
