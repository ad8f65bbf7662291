package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class ProcessLeaseIdentityTest {
  private final ProcessLeaseIdentity self = ProcessLeaseIdentity.current();

  private static String holderOf(long pid, String machine) {
    return new ProcessLeaseIdentity(pid, Optional.of(machine), "nonce").name();
  }

  @Test
  void aHolderOnThisMachineIsEndedExactlyWhenItsProcessHasEnded() throws Exception {
    Optional<String> machine = ProcessLeaseIdentity.thisMachine();
    assumeTrue(machine.isPresent(), "no /proc here: no holder is ever judged");
    Process running = new ProcessBuilder("sleep", "30").start();
    try {
      assertThat(self.hasEnded(holderOf(running.pid(), machine.get()))).isFalse();
      running.destroyForcibly();
      assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(self.hasEnded(holderOf(running.pid(), machine.get()))).isTrue();
    } finally {
      running.destroyForcibly();
    }
    assertThat(self.hasEnded(self.name())).as("this process").isFalse();
  }

  @Test
  void aHolderOnAnotherMachineOrInAnotherNamespaceOrNamedOtherwiseIsNeverJudged() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(self.hasEnded(holderOf(ended.pid(), "another-host/pid:[4026531836]"))).isFalse();
    assertThat(self.hasEnded("pid " + ended.pid() + " 5f0c-the-older-format")).isFalse();
    assertThat(self.hasEnded("")).isFalse();
    assertThat(new ProcessLeaseIdentity(1, Optional.empty(), "n").hasEnded(holderOf(ended.pid(), "x"))).isFalse();
  }

  @Test
  void theNameCarriesThePidTheMachineAndANonce() {
    assertThat(holderOf(1234, "host/pid:[1]")).isEqualTo("pid 1234 on host/pid:[1] nonce");
    assertThat(ProcessLeaseIdentity.current().name()).isNotEqualTo(self.name());
  }
}
