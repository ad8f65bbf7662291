package dev.claudememory.config;

import dev.claudememory.core.remote.ApiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SettingsTest {
  private static final String KEY = "sk-test-KEY-DO-NOT-LEAK-123";

  private static Settings settings(Optional<ApiKey> key, boolean syncDisabled) {
    return new Settings(
        URI.create("http://localhost:8080"),
        key,
        Path.of("/data"),
        Path.of("/data/memory/memory.db"),
        Duration.ofSeconds(60),
        syncDisabled,
        Duration.ofMillis(2500));
  }

  @Test
  void noKeyIsLocalOnlyWhateverSyncDisableSays() {
    assertThat(settings(Optional.empty(), false).mode()).isEqualTo(Mode.LOCAL_ONLY);
    assertThat(settings(Optional.empty(), true).mode()).isEqualTo(Mode.LOCAL_ONLY);
  }

  @Test
  void keyWithSyncOnIsHybrid() {
    assertThat(settings(Optional.of(ApiKey.of("MEMORY_API_KEY", KEY)), false).mode())
        .isEqualTo(Mode.HYBRID);
  }

  @Test
  void keyWithSyncDisabledIsRemoteOnly() {
    assertThat(settings(Optional.of(ApiKey.of("MEMORY_API_KEY", KEY)), true).mode())
        .isEqualTo(Mode.REMOTE_ONLY);
  }

  @Test
  void toStringShowsTheSettingsButNeverTheKey() {
    String text = settings(Optional.of(ApiKey.of("MEMORY_API_KEY", KEY)), false).toString();

    assertThat(text)
        .doesNotContain(KEY)
        .doesNotContain("DO-NOT-LEAK")
        .contains("mode=HYBRID")
        .contains("apiKey=ApiKey[****]")
        .contains("apiUrl=http://localhost:8080")
        .contains("database=" + Path.of("/data/memory/memory.db"))
        .contains("syncInterval=60s")
        .contains("recallTimeout=2.5s");
  }

  @Test
  void toStringSaysWhenThereIsNoKey() {
    assertThat(settings(Optional.empty(), false).toString()).contains("apiKey=none");
  }

  @Test
  void zeroOrNegativeDurationsAreRefusedWhenBuiltByHand() {
    assertThatThrownBy(
            () ->
                new Settings(
                    URI.create("http://h"),
                    Optional.empty(),
                    Path.of("/d"),
                    Path.of("/d/x.db"),
                    Duration.ZERO,
                    false,
                    Duration.ofSeconds(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("syncInterval");
    assertThatThrownBy(
            () ->
                new Settings(
                    URI.create("http://h"),
                    Optional.empty(),
                    Path.of("/d"),
                    Path.of("/d/x.db"),
                    Duration.ofSeconds(1),
                    false,
                    Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("recallTimeout");
  }

  @Test
  void apiUrlThatIsNotHttpOrCarriesUserInfoIsRefusedWhenBuiltByHand() {
    for (String url : new String[] {"ftp://h", "http:opaque", "https://me:secret-pw@h"}) {
      assertThatThrownBy(
              () ->
                  new Settings(
                      URI.create(url),
                      Optional.empty(),
                      Path.of("/d"),
                      Path.of("/d/x.db"),
                      Duration.ofSeconds(1),
                      false,
                      Duration.ofSeconds(1)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("apiUrl must be an http:// or https:// URL")
          .hasMessageNotContaining("secret-pw");
    }
  }

  @Test
  void toStringCopesWithTheLargestDuration() {
    Settings huge =
        new Settings(
            URI.create("http://h"),
            Optional.empty(),
            Path.of("/d"),
            Path.of("/d/x.db"),
            Duration.ofSeconds(Long.MAX_VALUE),
            false,
            Duration.ofSeconds(1));

    assertThat(huge.toString()).contains("syncInterval=" + Long.MAX_VALUE + "s");
  }
}
