package dev.claudememory.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes files and folders read-only for this process as a user does, by taking away the write
 * permission. Root writes whatever the permissions say, so for root the immutable attribute is set
 * as well ({@code chattr +i}), which stops root's processes too. {@link #close()} gives every
 * write access back, so the temporary folder can be deleted.
 */
public final class ReadOnlyFiles implements AutoCloseable {
  private static final Set<PosixFilePermission> WRITE =
      Set.of(
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_WRITE);

  private final List<Path> readOnly = new ArrayList<>();
  private final Set<Path> immutable = new HashSet<>();

  /**
   * Takes write access to {@code path} away; false when this machine cannot (root without {@code
   * chattr}): a test should then be skipped.
   */
  public boolean makeReadOnly(Path path) throws IOException, InterruptedException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    permissions.removeAll(WRITE);
    Files.setPosixFilePermissions(path, permissions);
    readOnly.add(path);
    if (Files.isWritable(path)) {
      if (!chattr("+i", path)) {
        return false;
      }
      immutable.add(path);
    }
    if (Files.isWritable(path)) {
      throw new IllegalStateException(path + " is still writable");
    }
    return true;
  }

  public void makeWritable(Path path) throws IOException, InterruptedException {
    if (immutable.remove(path) && !chattr("-i", path)) {
      throw new IllegalStateException("chattr -i " + path + " failed");
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    permissions.add(PosixFilePermission.OWNER_WRITE);
    Files.setPosixFilePermissions(path, permissions);
    readOnly.remove(path);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    for (Path path : List.copyOf(readOnly)) {
      makeWritable(path);
    }
  }

  private static boolean chattr(String change, Path path) throws InterruptedException {
    try {
      Process process =
          new ProcessBuilder("chattr", change, path.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      // no chattr on this machine
      return false;
    }
  }
}
