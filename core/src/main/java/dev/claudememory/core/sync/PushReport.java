package dev.claudememory.core.sync;

import java.util.EnumMap;
import java.util.Map;

/** Counts of what one push did. */
public final class PushReport {
  static final PushReport NONE = new PushReport();

  private final Map<PushOutcome, Integer> outcomes = new EnumMap<>(PushOutcome.class);
  private int reconciled;
  private boolean stoppedEarly;

  void count(PushOutcome outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
  }

  void reconciled() {
    reconciled++;
  }

  /** The push stopped before the queue, as the API could not be asked. */
  void stoppedEarly() {
    stoppedEarly = true;
  }

  /** Whether something could not be pushed for now (the API failed or refused the key). */
  public boolean failed() {
    return stoppedEarly || outcomes(PushOutcome.RETRY_LATER) > 0 || outcomes(PushOutcome.AUTH_FAILED) > 0;
  }

  public int pushed() {
    return outcomes.getOrDefault(PushOutcome.PUSHED, 0);
  }

  public int outcomes(PushOutcome outcome) {
    return outcomes.getOrDefault(outcome, 0);
  }

  /** Creates whose lost answer was found on the server and adopted. */
  public int reconciledCreates() {
    return reconciled;
  }

  @Override
  public String toString() {
    return "PushReport" + outcomes + ", reconciled=" + reconciled;
  }
}
