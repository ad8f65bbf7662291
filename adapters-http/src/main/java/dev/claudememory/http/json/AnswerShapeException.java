package dev.claudememory.http.json;

import java.io.IOException;

/** A JSON answer that lacks a field the contract promises. */
final class AnswerShapeException extends IOException {
  private static final long serialVersionUID = 1L;

  AnswerShapeException(String message) {
    super(message);
  }
}
