package dev.claudememory.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.remote.RemoteResult;
import org.junit.jupiter.api.Test;

final class ApiCheckTest {
  private static final String URL = "https://memory.example.com";

  @Test
  void anAcceptedKeyIsOk() {
    Check check = ApiCheck.of(URL, RemoteResult.ok("17"), false);

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail()).isEqualTo(URL + " answers and accepts the key (user 17)");
  }

  @Test
  void aRefusedKeyFails() {
    Check check = ApiCheck.of(URL, new RemoteResult.AuthFailed<>("401 invalid key"), false);

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.advice()).get().asString().contains("MEMORY_API_KEY");
  }

  @Test
  void anUnreachableApiOnlyWarnsInHybridModeButFailsInRemoteOnlyMode() {
    RemoteResult<String> down = new RemoteResult.RetryLater<>(RemoteResult.Why.UNREACHABLE, "connection refused");

    Check hybrid = ApiCheck.of(URL, down, false);
    Check remoteOnly = ApiCheck.of(URL, down, true);

    assertThat(hybrid.status()).isEqualTo(CheckStatus.WARN);
    assertThat(hybrid.detail()).isEqualTo("cannot reach " + URL + " (connection refused)");
    assertThat(remoteOnly.status()).isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void anotherAnswerPointsAtTheUrl() {
    Check check = ApiCheck.of(URL, new RemoteResult.Rejected<>(405, "method not allowed"), false);

    assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(check.detail()).contains("405");
    assertThat(check.advice()).get().asString().contains("MEMORY_API_URL");
  }

  @Test
  void withoutAKeyTheApiIsNotUsed() {
    assertThat(ApiCheck.notUsed().status()).isEqualTo(CheckStatus.OK);
  }
}
