package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class ShrinkerTest {
  private static final long SEED = 20_261_124L;

  @Test
  void aGeneratedSequenceShrinksToTheStepsThatMakeItFail() {
    List<SyncStep> steps = SyncSteps.generate(SEED, 80);
    Predicate<List<SyncStep>> threeCycles =
        candidate -> candidate.stream().filter(SyncStep.RunCycle.class::isInstance).count() >= 3;
    assertThat(threeCycles).accepts(steps);

    List<SyncStep> shortest = Shrinker.shrink(steps, threeCycles);

    assertThat(shortest).containsExactly(
        new SyncStep.RunCycle(), new SyncStep.RunCycle(), new SyncStep.RunCycle());
  }

  @Test
  void theStepsKeptStayInTheirOrder() {
    List<SyncStep> steps = SyncSteps.generate(SEED, 80);
    SyncStep.LocalDelete delete = steps.stream()
        .filter(SyncStep.LocalDelete.class::isInstance)
        .map(SyncStep.LocalDelete.class::cast)
        .filter(candidate -> storeOf(steps, candidate.memory()).isPresent())
        .findFirst()
        .orElseThrow();
    SyncStep store = storeOf(steps, delete.memory()).orElseThrow();

    List<SyncStep> shortest = Shrinker.shrink(steps,
        candidate -> candidate.indexOf(store) >= 0
            && candidate.indexOf(store) < candidate.indexOf(delete));

    assertThat(shortest).containsExactly(store, delete);
  }

  @Test
  void theResultFailsAndFailsNoMoreWithoutAnyOneOfItsItems() {
    List<Integer> numbers = IntStream.rangeClosed(1, 40).boxed().collect(Collectors.toList());
    Predicate<List<Integer>> sumOfOddsReaches50 =
        candidate -> candidate.stream().filter(n -> n % 2 == 1).mapToInt(n -> n).sum() >= 50;

    List<Integer> shortest = Shrinker.shrink(numbers, sumOfOddsReaches50);

    assertThat(sumOfOddsReaches50).accepts(shortest);
    for (int index = 0; index < shortest.size(); index++) {
      List<Integer> smaller = new ArrayList<>(shortest);
      smaller.remove(index);
      assertThat(sumOfOddsReaches50).as("without %s", shortest.get(index)).rejects(smaller);
    }
    assertThat(numbers).containsSubsequence(shortest);
  }

  @Test
  void aSequenceThatNeedsEveryItemIsLeftWhole() {
    List<String> steps = List.of("a", "b", "c", "d", "e");
    AtomicInteger tests = new AtomicInteger();

    List<String> shortest = Shrinker.shrink(steps, candidate -> {
      tests.incrementAndGet();
      return candidate.equals(steps);
    });

    assertThat(shortest).isEqualTo(steps);
    assertThat(tests.get()).isLessThanOrEqualTo(Shrinker.MAX_TESTS);
  }

  private static Optional<SyncStep> storeOf(List<SyncStep> steps, int memory) {
    return steps.stream()
        .filter(step -> step instanceof SyncStep.LocalStore
            && ((SyncStep.LocalStore) step).memory() == memory)
        .findFirst();
  }
}
