package dev.claudememory.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.claudememory.testkit.ReadOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The native library extracted into a folder of ours, on real files. (Only the extraction: which
 * library this test JVM loaded was settled before it ran.)
 */
final class SqliteNativeLibraryTest {
  @TempDir Path folder;
  private final ReadOnlyFiles readOnlyFiles = new ReadOnlyFiles();

  @AfterEach
  void giveWriteAccessBack() throws Exception {
    readOnlyFiles.close();
  }

  /** The library's bytes as the jar holds them. */
  private static byte[] inTheJar() throws IOException {
    String resource =
        LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    try (InputStream in = SQLiteJDBCLoader.class.getClassLoader().getResourceAsStream(resource.substring(1))) {
      return in.readAllBytes();
    }
  }

  private List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }

  @Test
  void theLibraryIsExtractedOnceIntoAFolderNamedByItsChecksum() throws Exception {
    Path library = SqliteNativeLibrary.prepare(folder).orElseThrow();
    Object fileKey = Files.readAttributes(library, BasicFileAttributes.class).fileKey();

    Path again = SqliteNativeLibrary.prepare(folder).orElseThrow();

    assertThat(library.getParent().getParent()).isEqualTo(folder);
    assertThat(library.getParent().getFileName().toString()).matches("[0-9a-f]{8}-" + inTheJar().length);
    assertThat(library.getFileName().toString()).isEqualTo(LibraryLoaderUtil.getNativeLibName());
    assertThat(Files.readAllBytes(library)).isEqualTo(inTheJar());
    assertThat(again).isEqualTo(library);
    assertThat(Files.readAttributes(again, BasicFileAttributes.class).fileKey())
        .as("the same file, not written again")
        .isEqualTo(fileKey);
    assertThat(filesUnder(folder)).containsExactly(library);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent()))).isEqualTo("rwx------");
  }

  @Test
  void aLibraryThatDoesNotMatchTheJarsIsReplaced() throws Exception {
    Path library = SqliteNativeLibrary.prepare(folder).orElseThrow();
    byte[] sound = Files.readAllBytes(library);
    sound[sound.length / 2] ^= 0x5a;
    Files.write(library, sound);

    Path replaced = SqliteNativeLibrary.prepare(folder).orElseThrow();

    assertThat(replaced).isEqualTo(library);
    assertThat(Files.readAllBytes(replaced)).isEqualTo(inTheJar());
    assertThat(filesUnder(folder)).containsExactly(library);
  }

  @Test
  void aFolderThisUserCannotWriteIsRefusedAndLeftEmpty() throws Exception {
    assumeTrue(readOnlyFiles.makeReadOnly(folder), "cannot make files read-only on this machine");

    assertThatThrownBy(() -> SqliteNativeLibrary.prepare(folder)).isInstanceOf(IOException.class);
    assertThat(filesUnder(folder)).isEmpty();
  }
}
