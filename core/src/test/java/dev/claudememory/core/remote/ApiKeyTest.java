package dev.claudememory.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.claudememory.core.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ApiKeyTest {
  private static final String KEY = "sk-test-KEY-DO-NOT-LEAK-123";

  @Test
  void toStringIsRedacted() {
    ApiKey key = ApiKey.of("MEMORY_API_KEY", KEY);

    assertThat(key).hasToString("ApiKey[****]");
    assertThat(Optional.of(key).toString()).doesNotContain(KEY);
    assertThat(String.valueOf(key)).doesNotContain(KEY);
  }

  @Test
  void revealGivesTheKeyWithoutSurroundingWhitespace() {
    assertThat(ApiKey.of("MEMORY_API_KEY", "\t" + KEY + " \n").reveal()).isEqualTo(KEY);
  }

  @Test
  void keysWithTheSameTextAreEqual() {
    assertThat(ApiKey.of("A", KEY))
        .isEqualTo(ApiKey.of("B", KEY))
        .isNotEqualTo(ApiKey.of("A", "other"));
    assertThat(ApiKey.of("A", KEY)).hasSameHashCodeAs(ApiKey.of("B", KEY));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-test-KEY\nDO-NOT-LEAK-123",
        "sk-test KEY-DO-NOT-LEAK-123",
        "sk-test-KEY-DO-NOT-LEAK-123\u0000",
        "sk-test-KÉY-DO-NOT-LEAK-123",
        "sk\u007f-test"
      })
  void keyAnHttpHeaderCannotCarryIsRefusedWithoutShowingIt(String text) {
    InvalidInputException refusal =
        catchThrowableOfType(InvalidInputException.class, () -> ApiKey.of("MEMORY_API_KEY", text));

    assertThat(refusal).isNotNull();
    assertThat(refusal.field()).isEqualTo("MEMORY_API_KEY");
    assertThat(refusal.getMessage())
        .startsWith("MEMORY_API_KEY ")
        .doesNotContain("sk")
        .doesNotContain("LEAK")
        .doesNotContain("test");
  }

  @Test
  void blankKeyIsRefused() {
    InvalidInputException refusal =
        catchThrowableOfType(InvalidInputException.class, () -> ApiKey.of("MEMORY_API_KEY", " "));

    assertThat(refusal).isNotNull();
    assertThat(refusal.getMessage()).contains("MEMORY_API_KEY is blank");
  }
}
