package dev.claudememory.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.RemoteApiException;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi;
import dev.claudememory.core.fakes.FakeRemoteMemoryApi.Operation;
import dev.claudememory.core.fakes.InMemoryMemoryStore;
import dev.claudememory.core.fakes.SettableClock;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.memory.MemoryId;
import dev.claudememory.core.memory.NewMemory;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.MemoryShare;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.remote.SharedMemory;
import dev.claudememory.core.remote.TagShare;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class RemoteSharingServiceTest {
  private final SettableClock clock =
      new SettableClock(Instant.parse("2026-11-24T21:47:33.680389Z"));
  private final FakeRemoteMemoryApi api = new FakeRemoteMemoryApi(clock);

  private static MemoryId idOf(ServerId id) {
    return new MemoryId(id.value());
  }

  @Nested
  final class RemoteOnly {
    private final RemoteSharingService sharing =
        new RemoteSharingService(api, ServerIds.identity());

    @Test
    void shareSharesTheMemoryWithTheServerIdShown() {
      ServerId id = api.createElsewhere("kestrel runs staging");

      ShareOutcome outcome = sharing.share(idOf(id), "alice", SharePermission.READ);

      assertThat(outcome).isEqualTo(ShareOutcome.DONE);
      List<MemoryShare> shares = api.shares().memoryShares();
      assertThat(shares).hasSize(1);
      assertThat(shares.get(0).memoryId()).isEqualTo(id);
      assertThat(shares.get(0).sharedWith()).isEqualTo("alice");
      assertThat(shares.get(0).permission()).isEqualTo("read");
      assertThat(shares.get(0).preview()).isEqualTo("kestrel runs staging");
    }

    @Test
    void shareSendsTheWritePermission() {
      ServerId id = api.createElsewhere("kestrel runs staging");

      sharing.share(idOf(id), "bob", SharePermission.WRITE);

      assertThat(api.shares().memoryShares()).extracting(MemoryShare::permission)
          .containsExactly("write");
    }

    @Test
    void shareTrimsTheUserName() {
      ServerId id = api.createElsewhere("kestrel runs staging");

      sharing.share(idOf(id), "  alice\t", SharePermission.READ);

      assertThat(api.shares().memoryShares()).extracting(MemoryShare::sharedWith)
          .containsExactly("alice");
    }

    @Test
    void shareOfAMemoryTheServerDoesNotHaveIsNotFound() {
      ShareOutcome outcome = sharing.share(new MemoryId(424_242), "alice", SharePermission.READ);

      assertThat(outcome).isEqualTo(ShareOutcome.NOT_FOUND);
      assertThat(api.calls(Operation.SHARE)).hasSize(1);
      assertThat(api.shares().memoryShares()).isEmpty();
    }

    @Test
    void shareOfAMemoryDeletedOnTheServerIsNotFound() {
      ServerId id = api.createElsewhere("deleted elsewhere");
      api.deleteElsewhere(id);

      assertThat(sharing.share(idOf(id), "alice", SharePermission.READ))
          .isEqualTo(ShareOutcome.NOT_FOUND);
    }

    @Test
    void shareWithABlankUserIsRefusedWithNothingSent() {
      ServerId id = api.createElsewhere("kestrel runs staging");

      for (String blank : new String[] {"", "   ", "\t\n", null}) {
        assertThatThrownBy(() -> sharing.share(idOf(id), blank, SharePermission.READ))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("shared_with")
            .satisfies(e -> assertThat(((InvalidInputException) e).field())
                .isEqualTo("shared_with"));
      }
      assertThat(api.calls()).isEmpty();
    }

    @Test
    void shareWithYourselfIsRefusedWithTheServersReason() {
      ServerId id = api.createElsewhere("kestrel runs staging");

      assertThatThrownBy(
              () -> sharing.share(idOf(id), FakeRemoteMemoryApi.USER_NAME, SharePermission.READ))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not share memory #" + id.value())
          .hasMessageContaining("Cannot share with yourself");
      assertThat(api.shares().memoryShares()).isEmpty();
    }

    @Test
    void shareTheServerDoesNotAnswerSaysToTryAgain() {
      ServerId id = api.createElsewhere("kestrel runs staging");
      api.timeOutNext(Operation.SHARE, 1);

      assertThatThrownBy(() -> sharing.share(idOf(id), "alice", SharePermission.READ))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not share memory #" + id.value())
          .hasMessageContaining("did not answer")
          .hasMessageContaining("try again");
      assertThat(api.shares().memoryShares()).isEmpty();
    }

    @Test
    void shareWithARefusedKeyTellsToCheckTheApiKey() {
      ServerId id = api.createElsewhere("kestrel runs staging");
      api.setAuthFailing(true);

      assertThatThrownBy(() -> sharing.share(idOf(id), "alice", SharePermission.READ))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("check MEMORY_API_KEY");
      assertThat(api.shares().memoryShares()).isEmpty();
    }

    @Test
    void unshareStopsSharingWithThatUserOnly() {
      ServerId id = api.createElsewhere("kestrel runs staging");
      sharing.share(idOf(id), "alice", SharePermission.READ);
      sharing.share(idOf(id), "bob", SharePermission.READ);

      ShareOutcome outcome = sharing.unshare(idOf(id), "alice");

      assertThat(outcome).isEqualTo(ShareOutcome.DONE);
      assertThat(api.shares().memoryShares()).extracting(MemoryShare::sharedWith)
          .containsExactly("bob");
    }

    @Test
    void unshareOfAMemoryTheServerDoesNotHaveIsNotFound() {
      assertThat(sharing.unshare(new MemoryId(424_242), "alice"))
          .isEqualTo(ShareOutcome.NOT_FOUND);
    }

    @Test
    void unshareWithABlankUserIsRefusedWithNothingSent() {
      ServerId id = api.createElsewhere("kestrel runs staging");

      assertThatThrownBy(() -> sharing.unshare(idOf(id), " "))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("shared_with");
      assertThat(api.calls()).isEmpty();
    }

    @Test
    void unshareWithARefusedKeyTellsToCheckTheApiKey() {
      ServerId id = api.createElsewhere("kestrel runs staging");
      sharing.share(idOf(id), "alice", SharePermission.READ);
      api.setAuthFailing(true);

      assertThatThrownBy(() -> sharing.unshare(idOf(id), "alice"))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not stop sharing memory #" + id.value())
          .hasMessageContaining("check MEMORY_API_KEY");
      assertThat(api.shares().memoryShares()).hasSize(1);
    }

    @Test
    void shareTagSharesTheTagWithTheUser() {
      sharing.shareTag("kestrel", "alice", SharePermission.WRITE);

      List<TagShare> tags = api.shares().tagShares();
      assertThat(tags).hasSize(1);
      assertThat(tags.get(0).tag()).isEqualTo("kestrel");
      assertThat(tags.get(0).sharedWith()).isEqualTo("alice");
      assertThat(tags.get(0).permission()).isEqualTo("write");
    }

    @Test
    void shareTagTrimsTagAndUser() {
      sharing.shareTag("  kestrel ", " alice ", SharePermission.READ);

      assertThat(api.shares().tagShares()).extracting(TagShare::tag, TagShare::sharedWith)
          .containsExactly(tuple("kestrel", "alice"));
    }

    @Test
    void shareTagWithABlankTagIsRefusedWithNothingSent() {
      for (String blank : new String[] {"", "  ", null}) {
        assertThatThrownBy(() -> sharing.shareTag(blank, "alice", SharePermission.READ))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("tag")
            .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("tag"));
      }
      assertThat(api.calls()).isEmpty();
    }

    @Test
    void shareTagWithABlankUserIsRefusedWithNothingSent() {
      assertThatThrownBy(() -> sharing.shareTag("kestrel", "  ", SharePermission.READ))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).field())
              .isEqualTo("shared_with"));
      assertThat(api.calls()).isEmpty();
    }

    @Test
    void shareTagWithYourselfIsRefusedWithTheServersReason() {
      assertThatThrownBy(
              () -> sharing.shareTag("kestrel", FakeRemoteMemoryApi.USER_NAME,
                  SharePermission.READ))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not share the tag")
          .hasMessageContaining("Cannot share with yourself");
      assertThat(api.shares().tagShares()).isEmpty();
    }

    @Test
    void shareTagTheServerDoesNotAnswerSaysToTryAgain() {
      api.failNext(Operation.SHARE_TAG, 1);

      assertThatThrownBy(() -> sharing.shareTag("kestrel", "alice", SharePermission.READ))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not share the tag")
          .hasMessageContaining("try again");
      assertThat(api.shares().tagShares()).isEmpty();
    }

    @Test
    void unshareTagStopsSharingTheTagWithThatUserOnly() {
      sharing.shareTag("kestrel", "alice", SharePermission.READ);
      sharing.shareTag("kestrel", "bob", SharePermission.READ);

      sharing.unshareTag("kestrel", "alice");

      assertThat(api.shares().tagShares()).extracting(TagShare::sharedWith)
          .containsExactly("bob");
    }

    @Test
    void unshareTagWithABlankTagOrUserIsRefusedWithNothingSent() {
      assertThatThrownBy(() -> sharing.unshareTag(" ", "alice"))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("tag"));
      assertThatThrownBy(() -> sharing.unshareTag("kestrel", ""))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).field())
              .isEqualTo("shared_with"));
      assertThat(api.calls()).isEmpty();
    }

    @Test
    void unshareTagWithARefusedKeyTellsToCheckTheApiKey() {
      sharing.shareTag("kestrel", "alice", SharePermission.READ);
      api.setAuthFailing(true);

      assertThatThrownBy(() -> sharing.unshareTag("kestrel", "alice"))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not stop sharing the tag")
          .hasMessageContaining("check MEMORY_API_KEY");
      assertThat(api.shares().tagShares()).hasSize(1);
    }

    @Test
    void sharedWithMeListsWhatOthersShare() {
      ServerId fromCarol =
          api.shareWithMeElsewhere("carol", "carol's runbook for kestrel", SharePermission.WRITE);
      ServerId fromDave =
          api.shareWithMeElsewhere("dave", "dave's note", SharePermission.READ);

      List<SharedMemory> shared = sharing.sharedWithMe();

      assertThat(shared).extracting(s -> s.memory().id()).containsExactly(fromCarol, fromDave);
      assertThat(shared).extracting(SharedMemory::sharedBy).containsExactly("carol", "dave");
      assertThat(shared).extracting(SharedMemory::permission).containsExactly("write", "read");
      assertThat(shared.get(0).memory().content()).isEqualTo("carol's runbook for kestrel");
    }

    @Test
    void sharedWithMeIsEmptyWhenNobodySharesAnything() {
      api.createElsewhere("my own memory");

      assertThat(sharing.sharedWithMe()).isEmpty();
    }

    @Test
    void sharedWithMeTheServerDoesNotAnswerNamesWhatFailed() {
      api.failNext(Operation.SHARED_WITH_ME, 1);

      assertThatThrownBy(() -> sharing.sharedWithMe())
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not list the memories shared with you")
          .hasMessageContaining("try again");
    }

    @Test
    void mySharesListsSharedMemoriesAndTags() {
      ServerId id = api.createElsewhere("kestrel runs staging");
      sharing.share(idOf(id), "alice", SharePermission.READ);
      sharing.shareTag("kestrel", "bob", SharePermission.WRITE);

      MyShares mine = sharing.myShares();

      assertThat(mine).isEqualTo(api.shares());
      assertThat(mine.memoryShares()).extracting(MemoryShare::memoryId, MemoryShare::sharedWith)
          .containsExactly(tuple(id, "alice"));
      assertThat(mine.tagShares()).extracting(TagShare::tag, TagShare::sharedWith)
          .containsExactly(tuple("kestrel", "bob"));
    }

    @Test
    void mySharesWithARefusedKeyTellsToCheckTheApiKey() {
      api.setAuthFailing(true);

      assertThatThrownBy(() -> sharing.myShares())
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not list your shares")
          .hasMessageContaining("check MEMORY_API_KEY");
    }

    @Test
    void shownIdIsTheServerId() {
      assertThat(sharing.shownId(new ServerId(1_234))).contains(new MemoryId(1_234));
    }
  }

  @Nested
  final class Hybrid {
    private final InMemoryMemoryStore store = new InMemoryMemoryStore();
    private final RemoteSharingService sharing =
        new RemoteSharingService(api, ServerIds.of(store));

    @AfterEach
    void closeStore() {
      store.close();
    }

    /** A local memory that sync has pushed: the server knows it under its own id. */
    private Memory synced(String content) {
      ServerId serverId = api.createElsewhere(content);
      return store.write(writer -> {
        Memory local = writer.insert(NewMemory.of(content, ""), clock.instant());
        writer.assignServerId(local.id(), serverId, Category.DEFAULT);
        return writer.find(local.id()).orElseThrow();
      });
    }

    private Memory unsynced(String content) {
      return store.write(writer -> writer.insert(NewMemory.of(content, ""), clock.instant()));
    }

    @Test
    void shareSendsTheServerIdOfTheLocalMemory() {
      api.createElsewhere("someone else's memory the local id could be mistaken for");
      Memory local = synced("kestrel runs staging");
      ServerId serverId = local.serverId().orElseThrow();
      assertThat(serverId.value()).isNotEqualTo(local.id().value());

      ShareOutcome outcome = sharing.share(local.id(), "alice", SharePermission.READ);

      assertThat(outcome).isEqualTo(ShareOutcome.DONE);
      assertThat(api.calls(Operation.SHARE)).extracting(call -> call.id().orElseThrow())
          .containsExactly(serverId);
      assertThat(api.shares().memoryShares()).extracting(MemoryShare::memoryId)
          .containsExactly(serverId);
      assertThat(api.shares().memoryShares().get(0).preview()).isEqualTo("kestrel runs staging");
    }

    @Test
    void shareOfAMemoryNotOnTheServerYetCallsNothing() {
      Memory local = unsynced("not pushed yet");

      assertThat(sharing.share(local.id(), "alice", SharePermission.READ))
          .isEqualTo(ShareOutcome.NOT_ON_SERVER_YET);
      assertThat(sharing.unshare(local.id(), "alice"))
          .isEqualTo(ShareOutcome.NOT_ON_SERVER_YET);
      assertThat(api.calls()).isEmpty();
    }

    @Test
    void shareOfAnUnknownLocalIdIsNotFoundWithoutCallingTheApi() {
      ServerId onServer = api.createElsewhere("a memory with a server id only");

      assertThat(sharing.share(idOf(onServer), "alice", SharePermission.READ))
          .isEqualTo(ShareOutcome.NOT_FOUND);
      assertThat(sharing.unshare(new MemoryId(99), "alice")).isEqualTo(ShareOutcome.NOT_FOUND);
      assertThat(api.calls()).isEmpty();
      assertThat(api.shares().memoryShares()).isEmpty();
    }

    @Test
    void shareOfAMemoryTheServerNoLongerHasIsNotFound() {
      Memory local = synced("deleted on another machine");
      api.deleteElsewhere(local.serverId().orElseThrow());

      assertThat(sharing.share(local.id(), "alice", SharePermission.READ))
          .isEqualTo(ShareOutcome.NOT_FOUND);
      assertThat(api.calls(Operation.SHARE)).hasSize(1);
    }

    @Test
    void shareWithABlankUserIsRefusedBeforeLookingTheMemoryUp() {
      Memory local = synced("kestrel runs staging");

      assertThatThrownBy(() -> sharing.share(local.id(), " ", SharePermission.READ))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("shared_with");
      assertThat(api.calls()).isEmpty();
    }

    @Test
    void unshareSendsTheServerIdOfTheLocalMemory() {
      Memory local = synced("kestrel runs staging");
      sharing.share(local.id(), "alice", SharePermission.WRITE);

      ShareOutcome outcome = sharing.unshare(local.id(), "alice");

      assertThat(outcome).isEqualTo(ShareOutcome.DONE);
      assertThat(api.calls(Operation.UNSHARE)).extracting(call -> call.id().orElseThrow())
          .containsExactly(local.serverId().orElseThrow());
      assertThat(api.shares().memoryShares()).isEmpty();
    }

    @Test
    void shareWithYourselfIsRefusedWithTheServersReason() {
      Memory local = synced("kestrel runs staging");

      assertThatThrownBy(
              () -> sharing.share(local.id(), FakeRemoteMemoryApi.USER_NAME, SharePermission.READ))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("could not share memory #" + local.id().value())
          .hasMessageContaining("Cannot share with yourself");
    }

    @Test
    void shareTheServerDoesNotAnswerSaysToTryAgain() {
      Memory local = synced("kestrel runs staging");
      api.failNextCalls(1);

      assertThatThrownBy(() -> sharing.share(local.id(), "alice", SharePermission.READ))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("try again");
      assertThat(api.shares().memoryShares()).isEmpty();
    }

    @Test
    void shareWithARefusedKeyTellsToCheckTheApiKey() {
      Memory local = synced("kestrel runs staging");
      api.setAuthFailing(true);

      assertThatThrownBy(() -> sharing.share(local.id(), "alice", SharePermission.READ))
          .isInstanceOf(RemoteApiException.class)
          .hasMessageContaining("check MEMORY_API_KEY");
    }

    @Test
    void tagsAndListsNeedNoLocalMemory() {
      sharing.shareTag("kestrel", "alice", SharePermission.READ);
      api.shareWithMeElsewhere("carol", "carol's note", SharePermission.READ);

      assertThat(api.shares().tagShares()).extracting(TagShare::tag).containsExactly("kestrel");
      assertThat(sharing.myShares().tagShares()).extracting(TagShare::sharedWith)
          .containsExactly("alice");
      assertThat(sharing.sharedWithMe()).extracting(SharedMemory::sharedBy)
          .containsExactly("carol");
      sharing.unshareTag("kestrel", "alice");
      assertThat(api.shares().tagShares()).isEmpty();
    }

    @Test
    void shownIdMapsAServerIdBackToTheLocalId() {
      unsynced("pushed later");
      Memory local = synced("kestrel runs staging");

      assertThat(sharing.shownId(local.serverId().orElseThrow())).contains(local.id());
    }

    @Test
    void shownIdOfAMemoryThatIsNotHereIsEmpty() {
      ServerId sharedWithMe =
          api.shareWithMeElsewhere("carol", "carol's note", SharePermission.READ);

      assertThat(sharing.shownId(sharedWithMe)).isEmpty();
      assertThat(sharing.shownId(new ServerId(424_242))).isEqualTo(Optional.empty());
    }
  }
}
