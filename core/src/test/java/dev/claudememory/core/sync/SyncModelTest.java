package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random step sequences ({@link SyncSteps}) run against the sync engine, on lanes the seed
 * chooses (one request at a time, or several at once with imports, as production sends), and
 * checked against the {@link SyncModel} after every step ({@link SyncModelRun}). A failing sequence is shrunk
 * ({@link Shrinker}) to the shortest one found that breaks the same invariant; the failure names
 * the seed and lists that sequence. {@code -Dsync.seed=<seed>} runs one seed alone, {@code
 * -Dsync.seeds=<n>} and {@code -Dsync.steps=<n>} run more (or fewer) and longer sequences.
 */
final class SyncModelTest {
  private static final long FIRST_SEED = 20_261_124L;
  private static final int SEEDS = 300;
  private static final int STEPS = 80;

  static Stream<Long> seeds() {
    String replay = System.getProperty("sync.seed", "").strip();
    if (!replay.isEmpty()) {
      return Stream.of(Long.parseLong(replay));
    }
    return LongStream.range(FIRST_SEED, FIRST_SEED + Integer.getInteger("sync.seeds", SEEDS))
        .boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyStepKeepsTheLocalDatabaseAndTheServerAsTheModelSays(long seed) {
    List<SyncStep> steps = SyncSteps.generate(seed, Integer.getInteger("sync.steps", STEPS));
    SyncSteps.Lanes lanes = SyncSteps.lanes(seed);
    Optional<SyncModelRun.Failure> failure = SyncModelRun.failureOf(steps, lanes);
    if (failure.isEmpty()) {
      return;
    }
    SyncModelRun.Failure first = failure.get();
    List<SyncStep> shortest =
        Shrinker.shrink(
            // what follows the failure plays no part in it
            steps.subList(0, Math.min(first.step() + 1, steps.size())),
            candidate -> SyncModelRun.failureOf(candidate, lanes).filter(first::sameKindAs).isPresent());
    fail(report(seed, lanes, steps.size(), shortest, SyncModelRun.failureOf(shortest, lanes).orElseThrow()));
  }

  private static String report(
      long seed, SyncSteps.Lanes lanes, int generated, List<SyncStep> shortest, SyncModelRun.Failure failure) {
    String steps =
        IntStream.range(0, shortest.size())
            .mapToObj(index -> String.format("%3d. %s", index + 1, shortest.get(index)))
            .collect(Collectors.joining("\n"));
    return "sync model broken with seed " + seed + ": " + failure.invariant() + "\n"
        + "replay: ./mvnw -o -q -pl core test -Dtest=SyncModelTest -Dsync.seed=" + seed + "\n"
        + "the engines send " + lanes + "\n"
        + "shortest failing sequence found (" + shortest.size() + " of " + generated + " steps):\n"
        + steps + "\n"
        + (failure.step() < shortest.size()
            ? "it fails after step " + (failure.step() + 1)
            : "it fails when, after the last step, the faults stop and everything should settle")
        + ": " + failure.message() + "\n"
        + "what happened:\n"
        + String.join("\n", failure.trace());
  }
}
