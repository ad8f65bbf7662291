package dev.claudememory.config;

import dev.claudememory.core.remote.ApiKey;
import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.recall.ResultBudget;
import dev.claudememory.core.service.DuplicateContent;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the product is configured with, already checked. Built by {@link SettingsParser} from
 * the environment, or by an embedding product with {@link #local(Path)} or the constructors.
 *
 * <p>{@link #toString()} never shows the API key.
 *
 * @param apiUrl base URL of the remote memory API, http or https, without a trailing slash
 * @param apiKey the bearer key; its presence enables hybrid (or remote-only) mode
 * @param home the data directory ({@code MEMORY_HOME})
 * @param database the SQLite file ({@code MEMORY_DB})
 * @param syncInterval time between background sync cycles, positive
 * @param syncDisabled whether {@code MEMORY_SYNC_DISABLE} is on ({@code 1}, {@code true}, {@code
 *     yes} or {@code on})
 * @param recallTimeout bound on a remote recall, positive
 * @param maxResultChars the characters a recall or list answer of the MCP server or the CLI may
 *     take, at least {@value ResultBudget#MIN_MAX_CHARS} ({@code MEMORY_MAX_RESULT_CHARS})
 * @param allowDuplicates whether a store of content a memory already holds stores it again
 *     ({@code MEMORY_ALLOW_DUPLICATES} on) instead of answering that memory
 * @param semantic whether recall also searches by meaning with the embedding model ({@code
 *     MEMORY_SEMANTIC})
 * @param semanticUnloadAfter how long the model stays loaded without a recall ({@code
 *     MEMORY_SEMANTIC_UNLOAD_AFTER})
 */
public record Settings(
    URI apiUrl,
    Optional<ApiKey> apiKey,
    Path home,
    Path database,
    Duration syncInterval,
    boolean syncDisabled,
    Duration recallTimeout,
    int maxResultChars,
    boolean allowDuplicates,
    boolean semantic,
    Duration semanticUnloadAfter) {

  public Settings {
    requireNonNull(apiUrl, "apiUrl");
    requireNonNull(apiKey, "apiKey");
    requireNonNull(home, "home");
    requireNonNull(database, "database");
    requireNonNull(syncInterval, "syncInterval");
    requireNonNull(recallTimeout, "recallTimeout");
    requireNonNull(semanticUnloadAfter, "semanticUnloadAfter");
    requireHttpUrl(apiUrl);
    requirePositive("semanticUnloadAfter", semanticUnloadAfter);
    requirePositive("syncInterval", syncInterval);
    requirePositive("recallTimeout", recallTimeout);
    if (maxResultChars < ResultBudget.MIN_MAX_CHARS) {
      throw new InvalidInputException(
          "maxResultChars",
          "maxResultChars must be at least " + ResultBudget.MIN_MAX_CHARS + "; got " + maxResultChars);
    }
  }

  /** Settings with the default result budget, refusing duplicates. */
  public Settings(
      URI apiUrl,
      Optional<ApiKey> apiKey,
      Path home,
      Path database,
      Duration syncInterval,
      boolean syncDisabled,
      Duration recallTimeout) {
    this(
        apiUrl,
        apiKey,
        home,
        database,
        syncInterval,
        syncDisabled,
        recallTimeout,
        ResultBudget.DEFAULT_MAX_CHARS,
        false,
        true,
        SettingsParser.DEFAULT_SEMANTIC_UNLOAD_AFTER);
  }

  /**
   * Local-only settings for an embedding product: this database file (created when missing), its
   * folder as the data directory (backups go beside it), every other setting at its default.
   */
  public static Settings local(Path database) {
    Path file = requireNonNull(database, "database").toAbsolutePath().normalize();
    return new Settings(
        SettingsParser.DEFAULT_API_URL,
        Optional.empty(),
        file.getParent(),
        file,
        SettingsParser.DEFAULT_SYNC_INTERVAL,
        false,
        SettingsParser.DEFAULT_RECALL_TIMEOUT);
  }

  /** These settings with another result budget. */
  public Settings withMaxResultChars(int maxResultChars) {
    return new Settings(
        apiUrl, apiKey, home, database, syncInterval, syncDisabled, recallTimeout, maxResultChars,
        allowDuplicates, semantic, semanticUnloadAfter);
  }

  /** These settings, storing content already held again or not. */
  public Settings withDuplicatesAllowed(boolean allowDuplicates) {
    return new Settings(
        apiUrl, apiKey, home, database, syncInterval, syncDisabled, recallTimeout, maxResultChars,
        allowDuplicates, semantic, semanticUnloadAfter);
  }

  /** These settings, with recall by meaning on or off. */
  public Settings withSemantic(boolean semantic) {
    return new Settings(
        apiUrl, apiKey, home, database, syncInterval, syncDisabled, recallTimeout, maxResultChars,
        allowDuplicates, semantic, semanticUnloadAfter);
  }

  /** The budget recall and list answers are kept under. */
  public ResultBudget resultBudget() {
    return new ResultBudget(maxResultChars);
  }

  /** What a store of content a memory already holds does. */
  public DuplicateContent duplicateContent() {
    return allowDuplicates ? DuplicateContent.STORE_AGAIN : DuplicateContent.RETURN_EXISTING;
  }

  /** The operating mode these settings select (SPEC §2). */
  public Mode mode() {
    if (apiKey.isEmpty()) {
      return Mode.LOCAL_ONLY;
    }
    return syncDisabled ? Mode.REMOTE_ONLY : Mode.HYBRID;
  }

  @Override
  public String toString() {
    return "Settings[mode="
        + mode()
        + ", apiUrl="
        + apiUrl
        + ", apiKey="
        + apiKey.map(ApiKey::toString).orElse("none")
        + ", home="
        + home
        + ", database="
        + database
        + ", syncInterval="
        + seconds(syncInterval)
        + ", syncDisabled="
        + syncDisabled
        + ", recallTimeout="
        + seconds(recallTimeout)
        + ", maxResultChars="
        + maxResultChars
        + ", allowDuplicates="
        + allowDuplicates
        + ", semantic="
        + semantic
        + ", semanticUnloadAfter="
        + seconds(semanticUnloadAfter)
        + "]";
  }

  private static void requireHttpUrl(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    boolean http = scheme.equals("http") || scheme.equals("https");
    if (!http || url.getHost() == null || url.getRawUserInfo() != null) {
      // The URL is not repeated: a user-info part may hold a password
      throw new InvalidInputException(
          "apiUrl", "apiUrl must be an http:// or https:// URL with a host and no user info");
    }
  }

  private static void requirePositive(String field, Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new InvalidInputException(
          field, field + " must be a positive duration; got " + seconds(duration));
    }
  }

  private static String seconds(Duration duration) {
    // seconds and nanos apart: toMillis() overflows for the largest durations
    return BigDecimal.valueOf(duration.getSeconds())
            .add(BigDecimal.valueOf(duration.getNano(), 9))
            .stripTrailingZeros()
            .toPlainString()
        + "s";
  }
}
