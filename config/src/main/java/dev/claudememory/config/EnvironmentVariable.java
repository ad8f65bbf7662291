package dev.claudememory.config;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One environment variable the product reads, as {@code --help} and the README describe it.
 *
 * @param name the variable, for example {@code MEMORY_API_URL}
 * @param alias the older name read when {@code name} is unset or empty
 * @param description one line saying what it does
 * @param defaultValue what applies when it is unset, as a person reads it
 */
public record EnvironmentVariable(
    String name, Optional<String> alias, String description, String defaultValue) {
  public EnvironmentVariable {
    requireNonNull(name, "name");
    requireNonNull(alias, "alias");
    requireNonNull(description, "description");
    requireNonNull(defaultValue, "defaultValue");
  }
}
