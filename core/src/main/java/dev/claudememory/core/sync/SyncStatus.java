package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the sync engine reports to people ({@code memory_count}, the CLI).
 *
 * @param pendingOps queued changes not yet pushed (parked ones excluded)
 * @param unsyncedMemories memories the server has not got yet
 * @param parked changes the server refused for good, with its reasons
 * @param lastPush when a push last succeeded
 * @param lastPull when a pull last succeeded
 * @param authFailedSince set while the API refuses the key
 * @param lastContact when the API last answered at all
 * @param lastError the last failure, for diagnosis
 * @param serverLostData set for a week after the server was found to have lost memories
 */
public record SyncStatus(
    long pendingOps,
    long unsyncedMemories,
    List<PendingOp> parked,
    Optional<String> lastPush,
    Optional<String> lastPull,
    Optional<String> authFailedSince,
    Optional<String> lastContact,
    Optional<String> lastError,
    Optional<ServerDataLoss> serverLostData) {
  public SyncStatus {
    parked = List.copyOf(parked);
    requireNonNull(serverLostData, "serverLostData");
  }

  /**
   * Whether the API accepts the key: refused while it refuses it, accepted once it has answered
   * anything else, unknown until it has answered at all.
   */
  public Optional<Boolean> keyAccepted() {
    if (authFailedSince.isPresent()) {
      return Optional.of(false);
    }
    return lastContact.isPresent() ? Optional.of(true) : Optional.empty();
  }

  /** The auth state as people read it: {@code ok}, {@code refused since …}, or not checked yet. */
  public String authDisplay() {
    return authFailedSince
        .map(since -> "refused since " + since)
        .orElse(lastContact.isPresent() ? "ok" : "not checked yet (the API has not answered so far)");
  }
}
