package dev.claudememory.core.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Call;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.memory.Timestamps;
import dev.claudememory.core.recall.SortBy;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The fake API behaves as SPEC §6 says the server does, and fails as scripted. */
final class FakeRemoteMemoryApiTest {
  private static final Instant T0 = Instant.parse("2026-11-24T21:47:33.680389Z");
  private static final IdempotencyKey KEY = new IdempotencyKey("key-1");

  private final SettableClock clock = new SettableClock(T0);
  private final FakeRemoteMemoryApi api = new FakeRemoteMemoryApi(clock);

  @Test
  void createGivesServerIdsOfItsOwnTheCanonicalCategoryAndFloat4Importance() {
    CreatedMemory first = ok(api.create(fields("first", "infra", 0.8), KEY));
    CreatedMemory second = ok(api.create(fields("second", "facts", 0.5), KEY));

    assertThat(first).isEqualTo(new CreatedMemory(new ServerId(1_001), "infrastructure",
        0.800000011920929));
    assertThat(second.id()).isEqualTo(new ServerId(1_002));
    RemoteMemory stored = api.memory(first.id()).orElseThrow();
    assertThat(stored.importance()).isEqualTo(0.800000011920929);
    assertThat(stored.createdAt()).isEqualTo("2026-11-24T21:47:33.680389+00:00");
    assertThat(stored.deletedAt()).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyTwiceCreatesTwoMemories() {
    api.create(fields("sent twice", "facts", 0.5), KEY);
    api.create(fields("sent twice", "facts", 0.5), KEY);

    assertThat(api.liveContents()).containsExactly("sent twice", "sent twice");
  }

  @Test
  void aDeleteIsSoftAnUnknownOrRepeatedDeleteIsDoneAndAnUpdateOfItIsNotFound() {
    ServerId id = ok(api.create(fields("soon deleted", "facts", 0.5), KEY)).id();
    clock.advance(Duration.ofSeconds(5));

    assertThat(api.delete(id, KEY)).isEqualTo(RemoteResult.ok(id));
    assertThat(api.delete(id, KEY)).isEqualTo(RemoteResult.ok(id));
    assertThat(api.delete(new ServerId(9_999), KEY)).isEqualTo(RemoteResult.ok(new ServerId(9_999)));

    assertThat(api.liveMemories()).isEmpty();
    assertThat(api.memory(id).orElseThrow().deletedAt())
        .contains("2026-11-24T21:47:38.680389+00:00");
    assertThat(api.update(id, fields("revived?", "facts", 0.5), KEY))
        .isInstanceOf(RemoteResult.NotFound.class);
    assertThat(api.get(id)).isInstanceOf(RemoteResult.NotFound.class);
  }

  @Test
  void changesWithoutSinceAreTheLiveMemoriesAndWithSinceEveryLaterChangeDeletesIncluded() {
    ServerId kept = ok(api.create(fields("kept", "facts", 0.5), KEY)).id();
    clock.advance(Duration.ofSeconds(1));
    ServerId gone = ok(api.create(fields("gone", "facts", 0.5), KEY)).id();
    clock.advance(Duration.ofSeconds(1));
    api.delete(gone, KEY);
    clock.advance(Duration.ofSeconds(1));
    api.update(kept, fields("kept, edited", "facts", 0.5), KEY);

    ChangeSet everything = ok(api.changesSince(Optional.empty()));
    ChangeSet since = ok(api.changesSince(Optional.of(Timestamps.format(T0))));
    ChangeSet atLastChange =
        ok(api.changesSince(Optional.of(Timestamps.format(T0.plusSeconds(3)))));

    assertThat(ids(everything)).containsExactly(kept);
    assertThat(ids(since)).containsExactly(gone, kept); // by updated_at
    assertThat(since.memories().get(0).isDeleted()).isTrue();
    assertThat(atLastChange.memories()).isEmpty(); // strictly later
    assertThat(everything.serverTime()).isEqualTo(Timestamps.format(T0.plusSeconds(3)));
  }

  @Test
  void anUnparsableSinceIsAServerError() {
    assertThat(api.changesSince(Optional.of("yesterday"))).isInstanceOf(RemoteResult.RetryLater.class);
  }

  @Test
  void aRowCommittedLateCarriesItsOldTime() {
    ServerId late = api.commitLate("late", T0.minusSeconds(30));

    assertThat(ids(ok(api.changesSince(Optional.of(Timestamps.format(T0.minusSeconds(31)))))))
        .containsExactly(late);
    assertThat(ok(api.changesSince(Optional.of(Timestamps.format(T0.minusSeconds(30)))))
        .memories()).isEmpty();
  }

  @Test
  void anEditCommittedLateCarriesItsOldTimeButNeverOneBeforeTheMemorysLastChange() {
    ServerId id = api.createElsewhere("first");
    clock.advance(Duration.ofSeconds(60));

    api.editLate(id, "second", T0.plusSeconds(45));
    RemoteMemory second = api.memory(id).orElseThrow();
    api.editLate(id, "third", T0);
    RemoteMemory third = api.memory(id).orElseThrow();

    assertThat(second.content()).isEqualTo("second");
    assertThat(second.updatedAt()).isEqualTo(Timestamps.format(T0.plusSeconds(45)));
    assertThat(third.content()).isEqualTo("third");
    assertThat(third.updatedAt()).isEqualTo(second.updatedAt());
  }

  @Test
  void everyMemoryListsTheDeletedOnesToo() {
    ServerId kept = api.createElsewhere("kept");
    ServerId deleted = api.createElsewhere("deleted");
    api.deleteElsewhere(deleted);

    assertThat(ids(api.everyMemory())).containsExactly(kept, deleted);
    assertThat(ids(api.liveMemories())).containsExactly(kept);
  }

  @Test
  void credentialsAreRedactedAndMarkedSensitiveWithTheOriginalKeptAside() {
    ServerId id = ok(api.create(fields("staging db password=hunter2 on kestrel", "facts", 0.5),
        KEY)).id();

    RemoteMemory stored = api.memory(id).orElseThrow();
    assertThat(stored.content()).isEqualTo("staging db password=[REDACTED:password] on kestrel");
    assertThat(stored.sensitive()).isTrue();
    assertThat(api.originalOf(id)).contains("staging db password=hunter2 on kestrel");
    assertThat(ok(api.secret(id)))
        .isEqualTo(new RemoteSecret("staging db password=hunter2 on kestrel", "vault"));
    assertThat(ok(api.recall(new RemoteRecall("kestrel", "", Optional.empty(), SortBy.RELEVANCE,
        10))).get(0).content()).isEqualTo("[SENSITIVE - use secret_get(id=" + id + ")]");
  }

  @Test
  void invalidFieldsAre422AndStoreNothing() {
    List<MemoryFields> invalid =
        List.of(
            fields("😀".repeat(1_401), "facts", 0.5),
            fields("   ", "facts", 0.5),
            fields("text", "no-such-category", 0.5),
            new MemoryFields("text", "facts", "t".repeat(501), "", 0.5, false),
            new MemoryFields("text", "facts", "", "k".repeat(501), 0.5, false),
            fields("text", "facts", 1.5),
            fields("text", "facts", Double.NaN));

    for (MemoryFields memory : invalid) {
      assertThat(api.create(memory, KEY)).as("%s", memory).isInstanceOfSatisfying(
          RemoteResult.Rejected.class, rejected -> assertThat(rejected.status()).isEqualTo(422));
    }
    assertThat(api.create(fields("😀".repeat(1_400), "facts", 0.5), KEY))
        .isInstanceOf(RemoteResult.Ok.class);
    assertThat(api.liveMemories()).hasSize(1);
  }

  @Test
  void scriptedContentIsRejectedUntilRejectionsStop() {
    api.rejectContent("refused", "no");
    ServerId id = ok(api.create(fields("accepted", "facts", 0.5), KEY)).id();

    assertThat(api.create(fields("refused", "facts", 0.5), KEY))
        .isEqualTo(new RemoteResult.Rejected<>(422, "no"));
    assertThat(api.update(id, fields("refused", "facts", 0.5), KEY))
        .isInstanceOf(RemoteResult.Rejected.class);
    api.stopRejecting();
    assertThat(api.create(fields("refused", "facts", 0.5), KEY)).isInstanceOf(RemoteResult.Ok.class);
  }

  @Test
  void theNextCallsFailWithoutChangingAnythingThenCallsSucceed() {
    api.failNextCalls(2);

    assertThat(api.create(fields("one", "facts", 0.5), KEY)).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(api.checkAuth()).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(api.liveMemories()).isEmpty();
    assertThat(api.create(fields("two", "facts", 0.5), KEY)).isInstanceOf(RemoteResult.Ok.class);
  }

  @Test
  void failuresOfOneKindOfCallLeaveTheOthersAlone() {
    api.failNext(Operation.CREATE, 1);

    assertThat(api.changesSince(Optional.empty())).isInstanceOf(RemoteResult.Ok.class);
    assertThat(api.create(fields("one", "facts", 0.5), KEY)).isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(api.create(fields("two", "facts", 0.5), KEY)).isInstanceOf(RemoteResult.Ok.class);
  }

  @Test
  void aCreateWhoseAnswerIsLostIsStoredAllTheSame() {
    api.loseNextCreateAnswers(1);

    assertThat(api.create(fields("committed", "facts", 0.5), KEY))
        .isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(api.create(fields("answered", "facts", 0.5), KEY)).isInstanceOf(RemoteResult.Ok.class);
    assertThat(api.liveContents()).containsExactly("committed", "answered");
  }

  @Test
  void whileTheKeyIsRefusedEveryCallFailsAuthAuthCheckIncluded() {
    api.setAuthFailing(true);

    assertThat(api.checkAuth()).isInstanceOf(RemoteResult.AuthFailed.class);
    assertThat(api.create(fields("x", "facts", 0.5), KEY)).isInstanceOf(RemoteResult.AuthFailed.class);
    assertThat(api.changesSince(Optional.empty())).isInstanceOf(RemoteResult.AuthFailed.class);
    api.setAuthFailing(false);
    assertThat(api.checkAuth()).isEqualTo(RemoteResult.ok(FakeRemoteMemoryApi.USER_ID));
    assertThat(api.liveMemories()).isEmpty();
  }

  @Test
  void everyCallIsRecordedWithWhatItSent() {
    ServerId id = ok(api.create(fields("recorded", "facts", 0.5), KEY)).id();
    api.delete(id, new IdempotencyKey("key-2"));
    api.changesSince(Optional.of("2026-01-01T00:00:00+00:00"));

    List<Call> calls = api.calls();

    assertThat(calls).extracting(Call::operation)
        .containsExactly(Operation.CREATE, Operation.DELETE, Operation.CHANGES_SINCE);
    assertThat(calls.get(0).fields().map(MemoryFields::content)).contains("recorded");
    assertThat(calls.get(0).key()).contains(KEY);
    assertThat(calls.get(1).id()).contains(id);
    assertThat(calls.get(1).key()).contains(new IdempotencyKey("key-2"));
    assertThat(calls.get(2).since()).contains("2026-01-01T00:00:00+00:00");
    assertThat(api.calls(Operation.DELETE)).containsExactly(calls.get(1));
  }

  @Test
  void actionsRunOnceBeforeOrAfterTheServerAppliesTheNextCallOfTheirKind() {
    List<Integer> seen = new ArrayList<>();
    api.beforeNext(Operation.CREATE, call -> seen.add(api.liveMemories().size()));
    api.afterNext(Operation.CREATE, call -> seen.add(api.liveMemories().size()));

    api.create(fields("first", "facts", 0.5), KEY);
    api.create(fields("second", "facts", 0.5), KEY);

    assertThat(seen).containsExactly(0, 1);
  }

  @Test
  void aCallMadeWhileRefusedFailsTheTest() {
    api.refuseCallsWhile(() -> true);

    assertThatThrownBy(api::checkAuth).isInstanceOf(AssertionError.class);
  }

  @Test
  void aSlowServerMovesTheClockOnEveryCall() {
    api.setCallDuration(Duration.ofSeconds(20));

    api.checkAuth();
    api.changesSince(Optional.empty());

    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(40));
  }

  @Test
  void behaveEndsEveryScriptedFailure() {
    api.failNextCalls(5);
    api.failNext(Operation.CREATE, 5);
    api.loseNextCreateAnswers(5);
    api.setAuthFailing(true);
    api.rejectContent("x", "no");
    api.beforeNext(Operation.CREATE, call -> {
      throw new IllegalStateException("should not run");
    });

    api.behave();

    assertThat(api.create(fields("x", "facts", 0.5), KEY)).isInstanceOf(RemoteResult.Ok.class);
  }

  @Test
  void otherMachinesChangesShowInTheChangesButNotAsCalls() {
    ServerId id = api.createElsewhere("from the laptop");
    clock.advance(Duration.ofSeconds(1));
    api.editElsewhere(id, "edited on the laptop");
    ServerId gone = api.createElsewhere("deleted on the laptop");
    api.deleteElsewhere(gone);

    assertThat(api.calls()).isEmpty();
    assertThat(api.liveContents()).containsExactly("edited on the laptop");
    assertThat(ok(api.list(Optional.empty(), 10))).extracting(RemoteMemory::id).containsExactly(id);
  }

  @Test
  void sharesOfAMemoryAndOfATagAreListedInMyShares() {
    ServerId id = ok(api.create(fields("deploys go through the release train", "facts", 0.5),
        KEY)).id();
    clock.advance(Duration.ofSeconds(1));

    assertThat(api.share(id, "alice", SharePermission.WRITE)).isEqualTo(RemoteResult.ok(id));
    assertThat(api.shareTag("ops", "bob", SharePermission.READ)).isEqualTo(RemoteResult.ok("ops"));

    MyShares shares = ok(api.myShares());
    assertThat(shares.memoryShares()).containsExactly(new MemoryShare(id, "alice", "write",
        "deploys go through the release train", "2026-11-24T21:47:34.680389+00:00"));
    assertThat(shares.tagShares()).containsExactly(
        new TagShare("ops", "bob", "read", "2026-11-24T21:47:34.680389+00:00"));
    assertThat(api.shares()).isEqualTo(shares);
  }

  @Test
  void sharingAgainChangesThePermissionAndUnsharingEndsTheShare() {
    ServerId id = ok(api.create(fields("shared twice", "facts", 0.5), KEY)).id();
    api.share(id, "alice", SharePermission.READ);
    api.share(id, "alice", SharePermission.WRITE);
    api.shareTag("ops", "alice", SharePermission.READ);
    api.shareTag("ops", "alice", SharePermission.WRITE);

    assertThat(api.shares().memoryShares()).extracting(MemoryShare::permission)
        .containsExactly("write");
    assertThat(api.shares().tagShares()).extracting(TagShare::permission).containsExactly("write");

    assertThat(api.unshare(id, "alice")).isEqualTo(RemoteResult.ok(id));
    assertThat(api.unshare(id, "alice")).isEqualTo(RemoteResult.ok(id));
    assertThat(api.unshareTag("ops", "alice")).isEqualTo(RemoteResult.ok("ops"));
    assertThat(api.unshareTag("ops", "alice")).isEqualTo(RemoteResult.ok("ops"));
    assertThat(api.shares()).isEqualTo(new MyShares(List.of(), List.of()));
  }

  @Test
  void sharingOrUnsharingAMemoryThatIsNotLiveIsNotFound() {
    ServerId gone = ok(api.create(fields("soon deleted", "facts", 0.5), KEY)).id();
    api.share(gone, "alice", SharePermission.READ);
    api.delete(gone, KEY);

    assertThat(api.share(gone, "bob", SharePermission.READ))
        .isInstanceOf(RemoteResult.NotFound.class);
    assertThat(api.share(new ServerId(9_999), "bob", SharePermission.READ))
        .isInstanceOf(RemoteResult.NotFound.class);
    assertThat(api.unshare(gone, "alice")).isInstanceOf(RemoteResult.NotFound.class);
    assertThat(api.shares().memoryShares()).isEmpty();
  }

  @Test
  void sharingWithYourselfIsRejectedWith400AndSharingWithNobodyWith422() {
    ServerId id = ok(api.create(fields("mine", "facts", 0.5), KEY)).id();

    assertThat(api.share(id, FakeRemoteMemoryApi.USER_NAME, SharePermission.READ))
        .isEqualTo(new RemoteResult.Rejected<>(400, "Cannot share with yourself"));
    assertThat(api.shareTag("ops", FakeRemoteMemoryApi.USER_NAME, SharePermission.READ))
        .isEqualTo(new RemoteResult.Rejected<>(400, "Cannot share with yourself"));
    assertThat(api.share(id, "", SharePermission.READ)).isInstanceOfSatisfying(
        RemoteResult.Rejected.class, rejected -> assertThat(rejected.status()).isEqualTo(422));
    assertThat(api.shareTag("", "alice", SharePermission.READ)).isInstanceOfSatisfying(
        RemoteResult.Rejected.class, rejected -> assertThat(rejected.status()).isEqualTo(422));
    assertThat(api.shares()).isEqualTo(new MyShares(List.of(), List.of()));
  }

  @Test
  void myShareShowsAPreviewOfAtMost50CodePointsMaskedWhenSensitive() {
    ServerId longOne = ok(api.create(fields("😀".repeat(60), "facts", 0.5), KEY)).id();
    ServerId secret = ok(api.create(
        new MemoryFields("the vault root token", "facts", "", "", 0.5, true), KEY)).id();
    api.share(longOne, "alice", SharePermission.READ);
    api.share(secret, "alice", SharePermission.READ);

    assertThat(ok(api.myShares()).memoryShares()).extracting(MemoryShare::preview)
        .containsExactly("😀".repeat(50), "[SENSITIVE - use secret_get(id=" + secret + ")]");
  }

  @Test
  void nothingIsSharedWithTheUserUntilAnotherUserSharesAMemory() {
    assertThat(ok(api.sharedWithMe())).isEmpty();

    ServerId theirs = api.shareWithMeElsewhere("alice", "alice's runbook", SharePermission.WRITE);
    ServerId theirSecret =
        api.shareWithMeElsewhere("bob", "bob's password=hunter2", SharePermission.READ);

    List<SharedMemory> shared = ok(api.sharedWithMe());
    assertThat(shared).extracting(SharedMemory::sharedBy).containsExactly("alice", "bob");
    assertThat(shared).extracting(SharedMemory::permission).containsExactly("write", "read");
    assertThat(shared).extracting(memory -> memory.memory().id())
        .containsExactly(theirs, theirSecret);
    assertThat(shared.get(0).memory().content()).isEqualTo("alice's runbook");
    assertThat(shared.get(1).memory().content())
        .isEqualTo("[SENSITIVE - use secret_get(id=" + theirSecret + ")]");
    // not the user's own: sync never brings them
    assertThat(api.liveMemories()).isEmpty();
    assertThat(ok(api.changesSince(Optional.empty())).memories()).isEmpty();
  }

  @Test
  void sharingCallsAreRecordedAndFailAsScripted() {
    ServerId id = ok(api.create(fields("shared", "facts", 0.5), KEY)).id();
    api.failNext(Operation.SHARE, 1);

    assertThat(api.share(id, "alice", SharePermission.READ))
        .isInstanceOf(RemoteResult.RetryLater.class);
    assertThat(api.shares().memoryShares()).isEmpty();
    api.share(id, "alice", SharePermission.READ);
    api.unshare(id, "alice");
    api.shareTag("ops", "alice", SharePermission.READ);
    api.unshareTag("ops", "alice");
    api.sharedWithMe();
    api.myShares();
    api.setAuthFailing(true);

    assertThat(api.myShares()).isInstanceOf(RemoteResult.AuthFailed.class);
    assertThat(api.sharedWithMe()).isInstanceOf(RemoteResult.AuthFailed.class);
    assertThat(api.shareTag("ops", "alice", SharePermission.READ))
        .isInstanceOf(RemoteResult.AuthFailed.class);
    assertThat(api.calls()).extracting(Call::operation).containsExactly(Operation.CREATE,
        Operation.SHARE, Operation.SHARE, Operation.UNSHARE, Operation.SHARE_TAG,
        Operation.UNSHARE_TAG, Operation.SHARED_WITH_ME, Operation.MY_SHARES,
        Operation.MY_SHARES, Operation.SHARED_WITH_ME, Operation.SHARE_TAG);
    assertThat(api.calls(Operation.UNSHARE)).extracting(Call::id).containsExactly(Optional.of(id));
    assertThat(api.shares().tagShares()).isEmpty();
  }

  private static MemoryFields fields(String content, String category, double importance) {
    return new MemoryFields(content, category, "", "", importance, false);
  }

  private static List<ServerId> ids(ChangeSet changes) {
    return ids(changes.memories());
  }

  private static List<ServerId> ids(List<RemoteMemory> memories) {
    return memories.stream().map(RemoteMemory::id).collect(Collectors.toList());
  }

  private static <T> T ok(RemoteResult<T> result) {
    assertThat(result).isInstanceOf(RemoteResult.Ok.class);
    return ((RemoteResult.Ok<T>) result).value();
  }
}
