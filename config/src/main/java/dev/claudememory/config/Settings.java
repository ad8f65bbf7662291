package dev.claudememory.config;

import dev.claudememory.core.remote.ApiKey;
import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything the product is configured with, already checked. Built by {@link SettingsParser} from
 * the environment, or by hand by an embedding product.
 *
 * <p>{@link #toString()} never shows the API key.
 *
 * @param apiUrl base URL of the remote memory API, http or https, without a trailing slash
 * @param apiKey the bearer key; its presence enables hybrid (or remote-only) mode
 * @param home the data directory ({@code MEMORY_HOME})
 * @param database the SQLite file ({@code MEMORY_DB})
 * @param syncInterval time between background sync cycles, positive
 * @param syncDisabled whether {@code MEMORY_SYNC_DISABLE} was exactly {@code 1}
 * @param recallTimeout bound on a remote recall, positive
 */
public record Settings(
    URI apiUrl,
    Optional<ApiKey> apiKey,
    Path home,
    Path database,
    Duration syncInterval,
    boolean syncDisabled,
    Duration recallTimeout) {

  public Settings {
    requireNonNull(apiUrl, "apiUrl");
    requireNonNull(apiKey, "apiKey");
    requireNonNull(home, "home");
    requireNonNull(database, "database");
    requireNonNull(syncInterval, "syncInterval");
    requireNonNull(recallTimeout, "recallTimeout");
    requireHttpUrl(apiUrl);
    requirePositive("syncInterval", syncInterval);
    requirePositive("recallTimeout", recallTimeout);
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
