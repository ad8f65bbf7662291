package dev.claudememory.testkit;

import static dev.claudememory.testkit.Fields.Presence.DEFAULTED;
import static dev.claudememory.testkit.Fields.Presence.REQUIRED;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.memory.Content;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The API's sharing endpoints, kept minimal: the fake has one user, so shares are recorded and
 * listed but nobody else ever reads them, and nothing is shared with that user.
 */
final class ShareEndpoints {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> PERMISSIONS = List.of("read", "write");

  private final MemoryTable table;

  ShareEndpoints(MemoryTable table) {
    this.table = table;
  }

  Route.Action share(Call call, FieldErrors errors) {
    OptionalLong id = ApiEndpoints.memoryId(call, errors);
    Optional<ShareBody> body = shareBody(call, errors, false);
    return () -> {
      table.live(id.getAsLong()).orElseThrow(ApiEndpoints::memoryNotFound);
      ShareBody share = body.orElseThrow();
      refuseSelf(share.sharedWith());
      table.share(id.getAsLong(), share.sharedWith(), share.permission());
      return Answer.ok(
          NODES.objectNode()
              .put("shared", id.getAsLong())
              .put("with", share.sharedWith())
              .put("permission", share.permission()));
    };
  }

  Route.Action unshare(Call call, FieldErrors errors) {
    OptionalLong id = ApiEndpoints.memoryId(call, errors);
    String user = call.pathParameters().get(1);
    return () -> {
      table.live(id.getAsLong()).orElseThrow(ApiEndpoints::memoryNotFound);
      table.unshare(id.getAsLong(), user);
      return Answer.ok(NODES.objectNode().put("unshared", id.getAsLong()).put("from", user));
    };
  }

  Route.Action shareTag(Call call, FieldErrors errors) {
    Optional<ShareBody> body = shareBody(call, errors, true);
    return () -> {
      ShareBody share = body.orElseThrow();
      refuseSelf(share.sharedWith());
      table.shareTag(share.tag(), share.sharedWith(), share.permission());
      return Answer.ok(
          NODES.objectNode()
              .put("shared_tag", share.tag())
              .put("with", share.sharedWith())
              .put("permission", share.permission()));
    };
  }

  Route.Action unshareTag(Call call, FieldErrors errors) {
    Optional<ShareBody> body = shareBody(call, errors, true);
    return () -> {
      ShareBody share = body.orElseThrow();
      table.unshareTag(share.tag(), share.sharedWith());
      return Answer.ok(
          NODES.objectNode().put("unshared_tag", share.tag()).put("from", share.sharedWith()));
    };
  }

  /** Nobody else exists on the fake server, so nothing is ever shared with its user. */
  Route.Action sharedWithMe(Call call, FieldErrors errors) {
    return this::nobodyShares;
  }

  Route.Action myShares(Call call, FieldErrors errors) {
    return this::listMyShares;
  }

  private Answer nobodyShares() {
    ObjectNode answer = NODES.objectNode();
    answer.putArray("memories");
    return Answer.ok(answer);
  }

  private Answer listMyShares() {
    ObjectNode answer = NODES.objectNode();
    ArrayNode memoryShares = answer.putArray("memory_shares");
    for (MemoryTable.MemoryShare share : table.memoryShares()) {
      String preview =
          table.any(share.memoryId())
              .map(row -> Content.preview(row.content(), ApiEndpoints.PREVIEW_CODE_POINTS))
              .orElse("");
      memoryShares.addObject()
          .put("memory_id", share.memoryId())
          .put("shared_with", share.sharedWith())
          .put("permission", share.permission())
          .put("preview", preview)
          .put("created_at", MemoryJson.time(share.createdAt()));
    }
    ArrayNode tagShares = answer.putArray("tag_shares");
    for (MemoryTable.TagShare share : table.tagShares()) {
      tagShares.addObject()
          .put("tag", share.tag())
          .put("shared_with", share.sharedWith())
          .put("permission", share.permission())
          .put("created_at", MemoryJson.time(share.createdAt()));
    }
    return Answer.ok(answer);
  }

  private static Optional<ShareBody> shareBody(Call call, FieldErrors errors, boolean withTag) {
    int before = errors.count();
    Optional<Fields> read = Fields.object(call.body(), List.of("body"), errors);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = read.get();
    Optional<String> tag =
        withTag ? fields.string("tag", REQUIRED, 1, ApiEndpoints.MAX_QUERY_TEXT) : Optional.of("");
    Optional<String> sharedWith =
        fields.string("shared_with", REQUIRED, 1, ApiEndpoints.MAX_QUERY_TEXT);
    Optional<String> permission = fields.choice("permission", DEFAULTED, PERMISSIONS);
    if (errors.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new ShareBody(tag.orElseThrow(), sharedWith.orElseThrow(), permission.orElse("read")));
  }

  private static void refuseSelf(String sharedWith) {
    if (sharedWith.equals(FakeMemoryApiServer.USER_NAME)) {
      throw new Refusal(Answer.detail(400, "Cannot share with yourself"));
    }
  }

  private record ShareBody(String tag, String sharedWith, String permission) {}
}
