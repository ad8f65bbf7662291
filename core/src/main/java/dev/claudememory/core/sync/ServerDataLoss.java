package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;

/**
 * The notice that the memory API no longer held memories it had confirmed (its database restored
 * from an older backup or recreated, or another deployment at its URL), shown for a week.
 *
 * @param noticedAt when it was first noticed
 * @param sentAgain how many memories were sent to it again since
 */
public record ServerDataLoss(String noticedAt, int sentAgain) {
  public ServerDataLoss {
    requireNonNull(noticedAt, "noticedAt");
  }

  /**
   * The notice the sync engine left among its named values ({@code sync_meta}), if any.
   *
   * @param syncValue reads one named value
   */
  public static Optional<ServerDataLoss> read(Function<String, Optional<String>> syncValue) {
    return syncValue.apply(SyncKeys.SERVER_LOST_DATA_AT)
        .map(at -> new ServerDataLoss(
            at, syncValue.apply(SyncKeys.SERVER_LOST_DATA_SENT_AGAIN).map(Integer::parseInt).orElse(0)));
  }

  /** One line for people; names no memory and shows no content. */
  public String describe() {
    return "the memory API no longer held memories it had confirmed (noticed " + noticedAt
        + "; restored from an older backup, recreated, or another server at its URL): "
        + sentAgain + (sentAgain == 1 ? " memory was" : " memories were") + " sent to it again";
  }
}
