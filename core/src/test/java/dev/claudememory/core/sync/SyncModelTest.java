package dev.claudememory.core.sync;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random lives of a database and its server ({@link SyncModel}), each from a fixed seed. After the
 * faults stop and a few clean cycles run, the server must hold exactly the live local memories,
 * each once; no memory may be lost or come back after a delete; nothing may stay parked unless a
 * rejection was scripted. A failure names its seed and prints what happened; {@code
 * -Dsync.seed=<seed>} runs that seed alone, {@code -Dsync.lives=<n>} runs n lives instead of 300.
 */
final class SyncModelTest {
  private static final long FIRST_SEED = 20_261_124L;
  private static final int LIVES = 300;
  private static final int STEPS = 150;

  static Stream<Long> seeds() {
    String replay = System.getProperty("sync.seed", "").strip();
    if (!replay.isEmpty()) {
      return Stream.of(Long.parseLong(replay));
    }
    int lives = Integer.getInteger("sync.lives", LIVES);
    return LongStream.range(FIRST_SEED, FIRST_SEED + lives).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void afterFaultsStopTheServerHoldsExactlyTheLiveLocalMemoriesNoneLostNoneResurrected(long seed) {
    SyncModel model = new SyncModel(seed);
    try {
      model.run(STEPS);
      model.settle();
      model.checkInvariants();
    } catch (RuntimeException | AssertionError failure) {
      throw new AssertionError(
          "sync model failed with seed "
              + seed
              + "; replay with: ./mvnw -o -q -pl core install -Dtest=SyncModelTest -Dsync.seed="
              + seed
              + "\n"
              + model.trace(),
          failure);
    }
  }
}
