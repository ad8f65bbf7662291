package dev.claudememory.bench.process;

/** A server did not behave as a figure needs (no answer, an error, a lost write): the run stops. */
public final class BenchFailure extends RuntimeException {
  public BenchFailure(String message) {
    super(message);
  }

  public BenchFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
