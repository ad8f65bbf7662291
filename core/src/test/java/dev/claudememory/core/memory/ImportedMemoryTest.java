package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class ImportedMemoryTest {
  private static final Optional<String> CREATED = Optional.of("2025-02-03T04:05:06.123456+00:00");
  private static final Optional<String> UPDATED = Optional.of("2025-06-07T08:09:10.654321+00:00");

  private static ImportedMemory imported(
      String category, String tags, boolean sensitive, Optional<String> createdAt, Optional<String> updatedAt) {
    return new ImportedMemory(
        new Content("The staging host is marmalade"),
        new Category(category),
        tags,
        "",
        Importance.DEFAULT,
        sensitive,
        createdAt,
        updatedAt);
  }

  @Test
  void aCategoryNoWriteMayCarryIsKeptAsItWasStored() {
    ImportedMemory memory = imported("Some Server Category", "", false, CREATED, UPDATED);

    assertThat(memory.category()).isEqualTo(new Category("Some Server Category"));
    assertThat(memory.createdAt()).isEqualTo(CREATED);
    assertThat(memory.updatedAt()).isEqualTo(UPDATED);
  }

  @Test
  void timestampsAreKeptAsWrittenInAnyIsoShape() {
    ImportedMemory memory =
        imported("facts", "", false, Optional.of("2025-02-03 04:05:06"), Optional.of("2025-02-03T04:05:06Z"));

    assertThat(memory.createdAt()).contains("2025-02-03 04:05:06");
    assertThat(memory.updatedAt()).contains("2025-02-03T04:05:06Z");
  }

  @Test
  void aTimestampThatIsNotIsoIsRefusedNamingItsField() {
    assertThatThrownBy(() -> imported("facts", "", false, Optional.of("yesterday"), Optional.empty()))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("created_at"))
        .hasMessageContaining("created_at is not an ISO-8601 timestamp")
        .hasMessageContaining("'yesterday'");
    assertThatThrownBy(() -> imported("facts", "", false, CREATED, Optional.of("")))
        .hasMessageContaining("updated_at is not an ISO-8601 timestamp");
  }

  @Test
  void anUpdateTimeWithoutACreationTimeIsRefused() {
    assertThatThrownBy(() -> imported("facts", "", false, Optional.empty(), UPDATED))
        .hasMessageContaining("created_at is missing");
  }

  @Test
  void tagsOverTheBoundAreRefusedAsForANewMemory() {
    assertThatThrownBy(() -> imported("facts", "t".repeat(501), false, CREATED, UPDATED))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"))
        .hasMessageContaining("the limit is 500");
  }

  @Test
  void aCategoryHoldingANulIsRefused() {
    assertThatThrownBy(() -> imported("fa\0cts", "", false, CREATED, UPDATED))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("category"));
  }

  @Test
  void credentialContentIsSensitiveWhateverTheFlagSays() {
    ImportedMemory memory =
        new ImportedMemory(
            new Content("db password=hunter2secret"),
            Category.DEFAULT,
            "",
            "",
            Importance.DEFAULT,
            false,
            CREATED,
            UPDATED);

    assertThat(memory.sensitive()).isTrue();
    assertThat(memory.toString()).doesNotContain("hunter2secret");
  }

  @Test
  void aNewMemoryBecomesAnUndatedImportWithItsCanonicalFields() {
    NewMemory fresh =
        new NewMemory(
            new Content("Kestrel deploys run on Fridays"),
            Category.canonical("infra"),
            "ops",
            "deploy weekday",
            new Importance(0.9),
            true);

    ImportedMemory memory = ImportedMemory.of(fresh);

    assertThat(memory.category()).isEqualTo(new Category("infrastructure"));
    assertThat(memory.importance().value()).isEqualTo(0.9);
    assertThat(memory.sensitive()).isTrue();
    assertThat(memory.createdAt()).isEmpty();
    assertThat(memory.updatedAt()).isEmpty();
  }
}
