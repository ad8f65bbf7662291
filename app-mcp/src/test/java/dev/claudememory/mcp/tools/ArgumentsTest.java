package dev.claudememory.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whole numbers however JSON spells them: a number no double can hold is refused like any other. */
class ArgumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Arguments parsed(String json) throws Exception {
    return new Arguments((ObjectNode) JSON.readTree(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "-1e400", "1.7976931348623159e308"})
  void aNumberBeyondADoublesRangeIsRefusedAsOutOfRange(String number) throws Exception {
    Arguments arguments = parsed("{\"id\": " + number + ", \"limit\": " + number + "}");

    assertThatThrownBy(() -> arguments.requiredId("id"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("'id' must be a whole number in range; got a number out of range");
    assertThatThrownBy(() -> arguments.optionalInt("limit", 10, 1, 100))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("'limit' must be a whole number in range");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7", "7.0", "7e0", "\"7\"", "\" 7 \""})
  void aWholeNumberIsReadHoweverItIsSpelled(String number) throws Exception {
    assertThat(parsed("{\"id\": " + number + "}").requiredId("id").value()).isEqualTo(7);
  }
}
