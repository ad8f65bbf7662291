package dev.claudememory.core.maintenance;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One line of {@code doctor}: what was checked, how it came out, what was found, and what to do
 * about it. Never holds the API key or a memory's content.
 *
 * @param name what was checked, a few words ({@code database file})
 * @param status how it came out
 * @param detail what was found, one sentence
 * @param advice what to do, for WARN and FAIL; empty when there is nothing to do
 */
public record Check(String name, CheckStatus status, String detail, Optional<String> advice) {
  public Check {
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(detail, "detail");
    requireNonNull(advice, "advice");
  }

  public static Check ok(String name, String detail) {
    return new Check(name, CheckStatus.OK, detail, Optional.empty());
  }

  public static Check warn(String name, String detail, String advice) {
    return new Check(name, CheckStatus.WARN, detail, Optional.of(advice));
  }

  public static Check fail(String name, String detail, String advice) {
    return new Check(name, CheckStatus.FAIL, detail, Optional.of(advice));
  }

  public boolean failed() {
    return status == CheckStatus.FAIL;
  }
}
