package dev.claudememory.http.json;

import static dev.claudememory.http.json.ApiJson.orEmpty;
import static dev.claudememory.http.json.ApiJson.required;
import static java.util.Objects.requireNonNull;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.MemoryShare;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.remote.SharedMemory;
import dev.claudememory.core.remote.TagShare;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of the API's sharing endpoints (SPEC §6), read and written as {@link ApiJson} does:
 * unknown fields ignored, a missing promised field an {@link IOException} that never quotes the
 * body.
 *
 * <p>Thread-safe.
 */
public final class ShareJson {
  private final ApiJson json;

  public ShareJson(ApiJson json) {
    this.json = requireNonNull(json, "json");
  }

  public byte[] shareBody(String sharedWith, SharePermission permission) {
    return json.write(new ShareBody(sharedWith, permission.wireName()));
  }

  public byte[] shareTagBody(String tag, String sharedWith, SharePermission permission) {
    return json.write(new ShareTagBody(tag, sharedWith, permission.wireName()));
  }

  public byte[] unshareTagBody(String tag, String sharedWith) {
    return json.write(new UnshareTagBody(tag, sharedWith));
  }

  /** The memory id a share answer names. */
  public ServerId shared(byte[] body) throws IOException {
    return new ServerId(required(json.read(body, SharedBody.class).shared(), "shared"));
  }

  /** The memory id an unshare answer names. */
  public ServerId unshared(byte[] body) throws IOException {
    return new ServerId(required(json.read(body, UnsharedBody.class).unshared(), "unshared"));
  }

  /** The tag a tag share answer names. */
  public String sharedTag(byte[] body) throws IOException {
    return required(json.read(body, SharedTagBody.class).sharedTag(), "shared_tag");
  }

  /** The tag a tag unshare answer names. */
  public String unsharedTag(byte[] body) throws IOException {
    return required(json.read(body, UnsharedTagBody.class).unsharedTag(), "unshared_tag");
  }

  /** Memories others share with the user; their fields are read as in any memory answer. */
  public List<SharedMemory> sharedWithMe(byte[] body) throws IOException {
    List<SharedMemoryBody> bodies =
        required(json.read(body, SharedWithMeBody.class).memories(), "memories");
    List<SharedMemory> shared = new ArrayList<>(bodies.size());
    for (SharedMemoryBody entry : bodies) {
      if (entry == null) {
        throw new AnswerShapeException("the answer holds a null memory");
      }
      shared.add(
          new SharedMemory(
              ApiJson.memory(entry.memory()),
              required(entry.sharedBy(), "shared_by"),
              required(entry.permission(), "permission")));
    }
    return shared;
  }

  /** What the user shares; a share without a preview reads as an empty one. */
  public MyShares myShares(byte[] body) throws IOException {
    MySharesBody shares = json.read(body, MySharesBody.class);
    List<MemoryShare> memoryShares = new ArrayList<>();
    for (MemoryShareBody share : required(shares.memoryShares(), "memory_shares")) {
      if (share == null) {
        throw new AnswerShapeException("the answer holds a null memory share");
      }
      memoryShares.add(
          new MemoryShare(
              new ServerId(required(share.memoryId(), "memory_id")),
              required(share.sharedWith(), "shared_with"),
              required(share.permission(), "permission"),
              orEmpty(share.preview()),
              required(share.createdAt(), "created_at")));
    }
    List<TagShare> tagShares = new ArrayList<>();
    for (TagShareBody share : required(shares.tagShares(), "tag_shares")) {
      if (share == null) {
        throw new AnswerShapeException("the answer holds a null tag share");
      }
      tagShares.add(
          new TagShare(
              required(share.tag(), "tag"),
              required(share.sharedWith(), "shared_with"),
              required(share.permission(), "permission"),
              required(share.createdAt(), "created_at")));
    }
    return new MyShares(memoryShares, tagShares);
  }
}
