package dev.claudememory.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.testkit.FaultProxy;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class SoakPlanTest {
  private static final Duration MINUTE = Duration.ofSeconds(60);

  @Test
  void oneSeedGivesOnePlanAndAnotherSeedAnother() {
    SoakPlan first = SoakPlan.draw(42, MINUTE, true);
    SoakPlan again = SoakPlan.draw(42, MINUTE, true);
    SoakPlan other = SoakPlan.draw(43, MINUTE, true);

    assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
    for (String client : SoakPlan.FILES.keySet()) {
      assertThat(again.steps(client)).as("steps of %s", client).isEqualTo(first.steps(client));
      assertThat(again.proxySeed(client)).isEqualTo(first.proxySeed(client));
    }
    assertThat(again.events()).isEqualTo(first.events());
    assertThat(again.pins()).isEqualTo(first.pins());
    assertThat(other.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(other.steps("a")).isNotEqualTo(first.steps("a"));
  }

  @Test
  void aLongerRunOfOneSeedStartsWithTheShorterRunsPlan() {
    SoakPlan shorter = SoakPlan.draw(7, MINUTE, true);
    SoakPlan longer = SoakPlan.draw(7, Duration.ofMinutes(5), true);

    for (String client : SoakPlan.FILES.keySet()) {
      List<SoakPlan.Step> steps = shorter.steps(client);
      assertThat(longer.steps(client).subList(0, steps.size())).as("steps of %s", client).isEqualTo(steps);
    }
    assertThat(longer.events().subList(0, shorter.events().size())).isEqualTo(shorter.events());
    assertThat(longer.events()).hasSizeGreaterThan(shorter.events().size());
  }

  @Test
  void everyMinuteOfEverySeedHoldsEveryKindOfEventOneAtATime() {
    for (long seed = 0; seed < 200; seed++) {
      List<SoakPlan.Event> events = SoakPlan.draw(seed, MINUTE, true).events();

      assertThat(events.stream().map(SoakPlan.Event::kind).collect(Collectors.toSet()))
          .as("seed %d", seed)
          .containsAll(EnumSet.allOf(SoakPlan.EventKind.class));
      for (int i = 1; i < events.size(); i++) {
        SoakPlan.Event before = events.get(i - 1);
        assertThat(events.get(i).atMillis()).as("seed %d, event %d", seed, i)
            .isGreaterThanOrEqualTo(before.atMillis() + before.durationMillis());
        if (events.get(i).kind() == SoakPlan.EventKind.RESTORE_SNAPSHOT) {
          assertThat(before.kind()).as("a restore goes back to the snapshot just before it")
              .isEqualTo(SoakPlan.EventKind.SNAPSHOT);
        }
      }
      assertThat(events).allMatch(event -> event.atMillis() < MINUTE.toMillis());
    }
  }

  @Test
  void withoutDataLossTheApiOnlyGoesDownAndRefusesTheKey() {
    Set<SoakPlan.EventKind> kinds =
        SoakPlan.draw(5, Duration.ofMinutes(10), false).events().stream()
            .map(SoakPlan.Event::kind).collect(Collectors.toSet());

    assertThat(kinds).containsExactlyInAnyOrder(SoakPlan.EventKind.OUTAGE, SoakPlan.EventKind.KEY_REFUSED);
  }

  @Test
  void anotherDeploymentComesWithMemoriesOfItsOwn() {
    List<SoakPlan.Event> switches =
        SoakPlan.draw(11, Duration.ofMinutes(5), true).events().stream()
            .filter(event -> event.kind() == SoakPlan.EventKind.OTHER_DEPLOYMENT)
            .collect(Collectors.toList());

    assertThat(switches).hasSizeGreaterThan(1);
    for (SoakPlan.Event event : switches) {
      assertThat(event.seeded()).hasSizeBetween(2, 4)
          .allSatisfy(content -> assertThat(SoakLedger.tokenOf(content)).isPresent());
    }
    assertThat(switches.get(0).seeded()).doesNotContainAnyElementsOf(switches.get(1).seeded());
  }

  @Test
  void everyClientKillsBothWaysEarlyAndWritesRepeatedTextsSecretsAndOthersMemories() {
    SoakPlan plan = SoakPlan.draw(3, MINUTE, true);

    for (String client : SoakPlan.FILES.keySet()) {
      List<SoakPlan.Step> early = plan.steps(client).subList(0, 120);
      assertThat(early).as("%s kills between calls", client)
          .anyMatch(step -> step.kill() == SoakPlan.Kill.BETWEEN_CALLS);
      assertThat(early).as("%s kills during a call", client)
          .anyMatch(step -> step.kill() == SoakPlan.Kill.DURING_CALL);
      List<SoakPlan.Step> steps = plan.steps(client);
      assertThat(steps).anyMatch(step -> step.text() == SoakPlan.Text.REPEATED);
      assertThat(steps).anyMatch(step -> step.text() == SoakPlan.Text.SENSITIVE);
      assertThat(steps).anyMatch(step -> step.whose() == SoakPlan.Whose.OTHER_FILE);
    }
    assertThat(plan.steps("a")).anyMatch(step -> step.whose() == SoakPlan.Whose.SAME_FILE);
    assertThat(plan.steps("c")).as("c has no other client on its file")
        .noneMatch(step -> step.whose() == SoakPlan.Whose.SAME_FILE);
  }

  @Test
  void everyKindOfProxyFaultIsPinnedOnceOnEarlyPulls() {
    List<SoakPlan.Pin> pins = SoakPlan.draw(9, MINUTE, true).pins();

    assertThat(pins).extracting(SoakPlan.Pin::fault).containsExactlyInAnyOrder(
        FaultProxy.Fault.RESET, FaultProxy.Fault.STATUS_500, FaultProxy.Fault.STATUS_502,
        FaultProxy.Fault.STATUS_503, FaultProxy.Fault.DROP_AFTER_COMMIT, FaultProxy.Fault.SLOW_ANSWER);
    assertThat(pins).allMatch(pin -> pin.kind().equals("GET /api/memories/sync") && pin.ordinal() <= 20);
    assertThat(pins).extracting(SoakPlan.Pin::ordinal).doesNotHaveDuplicates();
  }
}
