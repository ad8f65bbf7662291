package dev.claudememory.core.sync;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A stable key for one queued operation, sent with every attempt to push it. */
public record IdempotencyKey(String value) {
  public IdempotencyKey {
    requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("an idempotency key must not be blank");
    }
  }

  public static IdempotencyKey random() {
    return new IdempotencyKey(UUID.randomUUID().toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
