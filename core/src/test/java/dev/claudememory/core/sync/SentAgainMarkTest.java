package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.LostCopy;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SentAgainMarkTest {
  private static final LostCopy LOST =
      new LostCopy(new ServerId(17), "2026-01-02T03:04:05.000006+00:00", Optional.of("2026-02-03T04:05:06.000007+00:00"));

  private static RemoteMemory copyWith(String keywords) {
    return new RemoteMemory(new ServerId(40), "the port is 9090", "facts", "ops", keywords, 0.5, false,
        "2026-03-01T00:00:00.000000+00:00", "2026-03-01T00:00:00.000000+00:00", Optional.empty());
  }

  private static MemoryFields fields(String keywords) {
    return new MemoryFields("the port is 9090", "facts", "ops", keywords, 0.5, false);
  }

  @Test
  void theLostCopyAMemoryWasSentAgainOfIsReadBackOffItsCopy() {
    String keywords = SentAgainMark.added(fields("port deploy"), LOST).expandedKeywords();

    assertThat(keywords).isEqualTo("port deploy resent:17:1767323045000006:1770091506000007");
    assertThat(SentAgainMark.of(copyWith(keywords))).contains(LOST);
    assertThat(SentAgainMark.removedFrom(copyWith(keywords)).expandedKeywords()).isEqualTo("port deploy");
  }

  @Test
  void aMemoryWithoutRelatedTermsCarriesTheMarkAlone() {
    String keywords = SentAgainMark.added(fields(""), LOST).expandedKeywords();

    assertThat(keywords).startsWith("resent:17:");
    assertThat(SentAgainMark.removedFrom(copyWith(keywords)).expandedKeywords()).isEmpty();
  }

  @Test
  void aVersionNotKnownIsReadBackAsNotKnown() {
    LostCopy unversioned = new LostCopy(new ServerId(17), LOST.serverCreatedAt(), Optional.empty());
    String keywords = SentAgainMark.added(fields("port"), unversioned).expandedKeywords();

    assertThat(SentAgainMark.of(copyWith(keywords))).contains(unversioned);
  }

  @Test
  void relatedTermsThatWouldGoOverTheApisLimitAreSentWithoutTheMark() {
    MemoryFields full = fields("k".repeat(480));

    assertThat(SentAgainMark.added(full, LOST)).isEqualTo(full);
  }

  @Test
  void aCopyWithoutTheMarkOrWithAWordOfItsShapeNoMachineWroteIsLeftAsItIs() {
    RemoteMemory plain = copyWith("resent resent:abc port");
    RemoteMemory idZero = copyWith("port resent:0:1:2");

    assertThat(SentAgainMark.of(plain)).isEmpty();
    assertThat(SentAgainMark.removedFrom(plain)).isSameAs(plain);
    assertThat(SentAgainMark.of(idZero)).isEmpty();
  }
}
