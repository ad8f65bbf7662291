package dev.claudememory.core.sync;

import dev.claudememory.core.sync.FaultyRemoteApi.PushFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random step sequences for {@link SyncModelRun}, and the lanes its engines push on, the same for
 * the same seed. Edits and deletes name memories stored earlier in the sequence (here or
 * elsewhere, maybe already deleted); cycles come often enough that most writes reach the server
 * between faults.
 */
final class SyncSteps {
  private static final PushFault[] FAULTS = PushFault.values();
  private static final int[] WAITS = {5, 30, 61, 400};
  private static final int[] CALL_SECONDS = {0, 0, 10, 30};
  /** Within the pull overlap: a pull must still find what committed this late. */
  private static final int[] LATE_SECONDS = {30, 100};
  private static final SyncStep.PythonStore.Outcome[] PYTHON =
      SyncStep.PythonStore.Outcome.values();

  private SyncSteps() {}

  /**
   * How many requests the engines send at once and how many new memories go in one import.
   * Production sends four at a time, a hundred to an import ({@code SyncModule}).
   */
  record Lanes(int lanes, int createsPerImport) {
    @Override
    public String toString() {
      return lanes == 1 && createsPerImport == 1
          ? "one request at a time, no imports"
          : lanes + " requests at once, up to " + createsPerImport + " new memories to an import";
    }
  }

  /** Production's lanes for half the seeds, one at a time or two small lanes for the rest. */
  static Lanes lanes(long seed) {
    switch (new Random(seed ^ 0x5EED_1A4EL).nextInt(4)) {
      case 0:
        return new Lanes(1, 1);
      case 1:
        return new Lanes(2, 2);
      default:
        return new Lanes(4, 100);
    }
  }

  static List<SyncStep> generate(long seed, int count) {
    Random random = new Random(seed);
    List<SyncStep> steps = new ArrayList<>(count);
    int memories = 0;
    while (steps.size() < count) {
      int dice = random.nextInt(100);
      boolean secret = random.nextInt(5) == 0;
      if (dice < 12 || memories == 0) {
        steps.add(new SyncStep.LocalStore(++memories, secret));
      } else if (dice < 14) {
        int twin = 1 + random.nextInt(memories);
        steps.add(new SyncStep.LocalStoreTwin(++memories, twin));
      } else if (dice < 26) {
        steps.add(new SyncStep.LocalEdit(1 + random.nextInt(memories), secret));
      } else if (dice < 32) {
        steps.add(new SyncStep.LocalDelete(1 + random.nextInt(memories)));
      } else if (dice < 36) {
        steps.add(new SyncStep.RemoteStore(++memories, secret, late(random)));
      } else if (dice < 42) {
        steps.add(new SyncStep.RemoteEdit(1 + random.nextInt(memories), secret, late(random)));
      } else if (dice < 43) {
        steps.add(new SyncStep.RemoteRetag(1 + random.nextInt(memories)));
      } else if (dice < 47) {
        steps.add(new SyncStep.RemoteDelete(1 + random.nextInt(memories)));
      } else if (dice < 56) {
        steps.add(new SyncStep.ArmPushFault(FAULTS[random.nextInt(FAULTS.length)]));
      } else if (dice < 59) {
        steps.add(new SyncStep.FailNextPull());
      } else if (dice < 62) {
        steps.add(new SyncStep.RefuseKey(random.nextInt(3) == 0));
      } else if (dice < 64) {
        steps.add(new SyncStep.SlowServer(CALL_SECONDS[random.nextInt(CALL_SECONDS.length)]));
      } else if (dice < 71) {
        steps.add(new SyncStep.Wait(WAITS[random.nextInt(WAITS.length)]));
      } else if (dice < 89) {
        steps.add(new SyncStep.RunCycle());
      } else if (dice < 91) {
        steps.add(new SyncStep.FormerHolderCycle());
      } else if (dice < 92) {
        steps.add(new SyncStep.CliSync());
      } else if (dice < 95) {
        steps.add(new SyncStep.Restart(random.nextBoolean()));
      } else if (dice < 97) {
        steps.add(new SyncStep.HandOver());
      } else if (dice < 97) {
        steps.add(new SyncStep.PythonStore(++memories, PYTHON[random.nextInt(PYTHON.length)]));
      } else if (dice < 99) {
        int imported = 2 + random.nextInt(4);
        steps.add(new SyncStep.Import(memories + 1, imported, random.nextBoolean(), random.nextInt(3) == 0));
        memories += imported;
      } else {
        steps.add(new SyncStep.RetryParked());
      }
    }
    return steps;
  }

  private static int late(Random random) {
    return random.nextInt(4) == 0 ? LATE_SECONDS[random.nextInt(LATE_SECONDS.length)] : 0;
  }
}
