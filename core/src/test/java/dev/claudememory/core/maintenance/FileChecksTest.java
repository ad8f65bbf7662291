package dev.claudememory.core.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a POSIX file system, as the product's users have. */
final class FileChecksTest {
  @TempDir Path dir;

  private Path file(String mode) throws Exception {
    Path file = Files.createFile(dir.resolve("memory.db"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  private Path folder(String mode) throws Exception {
    Path folder = Files.createDirectory(dir.resolve("memory"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(mode));
    return folder;
  }

  @Test
  void anOwnerOnlyFileIsOk() throws Exception {
    Check check = FileChecks.databaseFile(file("rw-------")).orElseThrow();

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail()).endsWith("(mode 0600)");
  }

  @Test
  void aFileOthersCanReadWarnsWithTheChmodThatFixesIt() throws Exception {
    Path file = file("rw-r--r--");

    Check check = FileChecks.databaseFile(file).orElseThrow();

    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
    assertThat(check.detail()).contains("mode 0644");
    assertThat(check.advice()).contains("chmod 600 " + file);
  }

  @Test
  void aMissingFileIsLeftToTheDatabaseCheck() {
    assertThat(FileChecks.databaseFile(dir.resolve("memory.db"))).isEmpty();
  }

  @Test
  void anOwnerOnlyFolderIsOkAndAnOpenOneWarns() throws Exception {
    Path folder = folder("rwxr-xr-x");

    Check open = FileChecks.folder("database folder", folder, "created later");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    Check closed = FileChecks.folder("database folder", folder, "created later");

    assertThat(open.status()).isEqualTo(CheckStatus.WARN);
    assertThat(open.advice()).contains("chmod 700 " + folder);
    assertThat(closed.status()).isEqualTo(CheckStatus.OK);
    assertThat(closed.detail()).endsWith("(mode 0700)");
  }

  @Test
  void aMissingFolderIsOkAndSaysWhenItIsCreated() {
    Check check =
        FileChecks.folder(
            "backups folder", dir.resolve("backups"), "it is created with the first backup");

    assertThat(check.status()).isEqualTo(CheckStatus.OK);
    assertThat(check.detail()).endsWith("does not exist yet; it is created with the first backup");
  }

  @Test
  void aFileWhereTheFolderShouldBeFails() throws Exception {
    Path notAFolder = Files.createFile(dir.resolve("backups"));

    assertThat(FileChecks.folder("backups folder", notAFolder, "later").status())
        .isEqualTo(CheckStatus.FAIL);
  }

  @Test
  void modesAreWrittenInOctal() {
    assertThat(FileChecks.octal(PosixFilePermissions.fromString("rwxr-x--x"))).isEqualTo("0751");
    assertThat(FileChecks.octal(PosixFilePermissions.fromString("---------"))).isEqualTo("0000");
  }
}
