package dev.claudememory.config;

import dev.claudememory.core.sync.LeaseIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This process in the sync lease: {@code pid <pid> on <machine> <nonce>}, the machine being the
 * host name and the process-id namespace, read from Linux's /proc. Another holder is judged ended
 * only when it ran on the same machine in the same namespace, where its pid means the same
 * process; a lease held from another container or host, or named on a system without /proc, is
 * left to run out.
 */
final class ProcessLeaseIdentity implements LeaseIdentity {
  private static final Pattern HOLDER = Pattern.compile("^pid (\\d+) on (\\S+) \\S+$");

  private final String name;
  private final Optional<String> machine;

  ProcessLeaseIdentity(long pid, Optional<String> machine, String nonce) {
    this.machine = machine;
    this.name = "pid " + pid + " on " + machine.orElse("an-unknown-machine") + " " + nonce;
  }

  static ProcessLeaseIdentity current() {
    return new ProcessLeaseIdentity(ProcessHandle.current().pid(), thisMachine(), UUID.randomUUID().toString());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean hasEnded(String holder) {
    Matcher matcher = HOLDER.matcher(holder);
    if (machine.isEmpty() || !matcher.matches() || !matcher.group(2).equals(machine.get())) {
      return false;
    }
    long pid = Long.parseLong(matcher.group(1));
    return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
  }

  /** {@code <host>/<pid namespace>}; empty where /proc does not tell. */
  static Optional<String> thisMachine() {
    try {
      String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      String namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
      if (host.isEmpty() || host.contains(" ") || namespace.contains(" ")) {
        return Optional.empty();
      }
      return Optional.of(host + "/" + namespace);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }
}
