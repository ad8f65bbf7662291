package dev.claudememory.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last {@value #CAPACITY} requests, oldest first; older ones are forgotten so a long test
 * cannot exhaust memory.
 *
 * <p>Thread-safe.
 */
final class RequestLog {
  static final int CAPACITY = 10_000;

  private final Deque<RecordedRequest> requests = new ArrayDeque<>();

  synchronized void add(RecordedRequest request) {
    if (requests.size() == CAPACITY) {
      requests.removeFirst();
    }
    requests.addLast(request);
  }

  synchronized List<RecordedRequest> all() {
    return List.copyOf(requests);
  }

  synchronized void clear() {
    requests.clear();
  }
}
