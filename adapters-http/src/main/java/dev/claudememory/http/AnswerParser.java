package dev.claudememory.http;

import java.io.IOException;

/** Reads a successful answer's body into what the call returns. */
@FunctionalInterface
interface AnswerParser<T> {
  /**
   * @throws IOException when the body is not the JSON the contract promises
   */
  T parse(byte[] body) throws IOException;
}
