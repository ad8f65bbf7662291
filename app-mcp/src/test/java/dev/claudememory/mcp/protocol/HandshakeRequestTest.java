package dev.claudememory.mcp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HandshakeRequestTest {
  private static final JsonFactory FACTORY = new JsonFactory();

  @Test
  void readsInitializeWithItsIdAndRequestedVersion() {
    assertThat(
            HandshakeRequest.read(
                FACTORY,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"initialize\",\"params\":{\"capabilities\":{\"x\":[1,{}]},"
                    + "\"protocolVersion\":\"2025-06-18\",\"clientInfo\":{\"name\":\"c\"}}}"))
        .contains(
            new HandshakeRequest(
                Optional.of(new HandshakeRequest.NumberId(7)), "initialize", Optional.of("2025-06-18"), Optional.empty()));
  }

  @Test
  void readsToolsListWithATextIdAndPingAndTheInitializedNotification() {
    assertThat(HandshakeRequest.read(FACTORY, "{\"method\":\"tools/list\",\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\"}"))
        .contains(
            new HandshakeRequest(Optional.of(new HandshakeRequest.TextId("a\"b")), "tools/list", Optional.empty(), Optional.empty()));
    assertThat(HandshakeRequest.read(FACTORY, "{\"jsonrpc\":\"2.0\",\"id\":-3,\"method\":\"ping\"}"))
        .contains(new HandshakeRequest(Optional.of(new HandshakeRequest.NumberId(-3)), "ping", Optional.empty(), Optional.empty()));
    assertThat(HandshakeRequest.read(FACTORY, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
        .contains(new HandshakeRequest(Optional.empty(), "notifications/initialized", Optional.empty(), Optional.empty()));
  }

  @Test
  void readsAModernDiscoverAndToolsListWithTheVersionTheirMetaNames() {
    String meta =
        "\"_meta\":{\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\"},"
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{\"roots\":{}}}";
    assertThat(HandshakeRequest.read(FACTORY, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{" + meta + "}}"))
        .contains(
            new HandshakeRequest(
                Optional.of(new HandshakeRequest.NumberId(1)), "server/discover", Optional.empty(), Optional.of("2026-07-28")));
    assertThat(HandshakeRequest.read(FACTORY, "{\"jsonrpc\":\"2.0\",\"id\":\"t\",\"method\":\"tools/list\",\"params\":{" + meta + "}}"))
        .contains(
            new HandshakeRequest(
                Optional.of(new HandshakeRequest.TextId("t")), "tools/list", Optional.empty(), Optional.of("2026-07-28")));
  }

  /** Each of these is for the full parser: another method, a malformed line, or an unusual shape. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"notifications/initialized\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} x",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
        "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/list\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":[]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":NaN}}",
        "\"ping\"",
        "",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":{}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
            + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":"
            + "{\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":"
            + "{\"io.modelcontextprotocol/protocolVersion\":20260728,\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":"
            + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":[]}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":[]}}"
      })
  void leavesEverythingElseToTheFullParser(String line) {
    assertThat(HandshakeRequest.read(FACTORY, line)).isEmpty();
  }
}
