package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

/**
 * Ends a request early with an answer (a 404, a 400, a body that cannot be parsed), as a FastAPI
 * endpoint raises an HTTPException. Control flow only, so it carries no stack trace.
 */
final class Refusal extends RuntimeException {
  private final transient Answer answer;

  Refusal(Answer answer) {
    super(null, null, false, false);
    this.answer = requireNonNull(answer, "answer");
  }

  Answer answer() {
    return answer;
  }
}
