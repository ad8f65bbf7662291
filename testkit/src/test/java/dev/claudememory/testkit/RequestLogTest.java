package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class RequestLogTest {

  @Test
  void keepsOnlyTheNewestRequests() {
    RequestLog log = new RequestLog();

    for (int i = 0; i <= RequestLog.CAPACITY; i++) {
      log.add(new RecordedRequest("GET", "/" + i, "", Map.of(), ""));
    }

    assertThat(log.all()).hasSize(RequestLog.CAPACITY);
    assertThat(log.all().get(0).path()).isEqualTo("/1");
    assertThat(log.all().get(RequestLog.CAPACITY - 1).path()).isEqualTo("/" + RequestLog.CAPACITY);
  }
}
