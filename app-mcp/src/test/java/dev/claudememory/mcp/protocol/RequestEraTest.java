package dev.claudememory.mcp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestEraTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "                                                                                        | legacy",
        "{}                                                                                      | legacy",
        "{\"_meta\":{\"progressToken\":1}}                                                       | legacy",
        "{\"_meta\":[]}                                                                          | legacy",
        "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}} | modern 2026-07-28",
        "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"1900-01-01\",\"io.modelcontextprotocol/clientCapabilities\":{}}} | modern 1900-01-01",
        "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}                | malformed",
        "{\"_meta\":{\"io.modelcontextprotocol/clientCapabilities\":{}}}                         | malformed",
        "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":7,\"io.modelcontextprotocol/clientCapabilities\":{}}} | malformed",
        "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":true}} | malformed"
      })
  void tellsTheEraAModernMetaOrItsAbsenceSpeaks(String params, String expected) throws Exception {
    RequestEra era = RequestEra.of(params == null ? null : JSON.readTree(params));

    String told;
    if (era instanceof RequestEra.Legacy) {
      told = "legacy";
    } else if (era instanceof RequestEra.Modern) {
      told = "modern " + ((RequestEra.Modern) era).version();
    } else if (era instanceof RequestEra.Malformed) {
      told = "malformed";
      assertThat(((RequestEra.Malformed) era).problem()).contains("params._meta needs");
    } else {
      throw new AssertionError(era);
    }
    assertThat(told).isEqualTo(expected);
  }
}
