package dev.claudememory.bench.process;

/** A server did not behave as a figure needs (no answer, an error, a lost write): the run stops. */
final class BenchFailure extends RuntimeException {
  BenchFailure(String message) {
    super(message);
  }

  BenchFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
