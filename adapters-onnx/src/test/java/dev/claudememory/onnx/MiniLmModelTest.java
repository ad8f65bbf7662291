package dev.claudememory.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.claudememory.core.port.TextEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real model, loaded as the product loads it. */
final class MiniLmModelTest {
  @TempDir Path home;

  @Test
  void textsThatSayTheSameThingLieCloserThanTextsThatDoNot() {
    try (TextEmbedder model = new MiniLmModel(home).load()) {
      float[] question = model.embed("how do I roll back a bad deploy?");
      float[] answer = model.embed("To revert a broken release, run the rollback job in the pipeline.");
      float[] unrelated = model.embed("Alice prefers tabs over spaces in Go code.");

      assertThat(question).hasSize(384);
      assertThat(norm(question)).isCloseTo(1.0, offset(1e-4));
      assertThat(cosine(question, answer)).isGreaterThan(cosine(question, unrelated) + 0.2);
    }
  }

  @Test
  void theSameTextAlwaysGetsTheSameVector() {
    try (TextEmbedder model = new MiniLmModel(home).load()) {
      float[] first = model.embed("the staging database listens on 5433");
      model.embed("something else in between, much longer than the first text to change shapes");
      assertThat(model.embed("the staging database listens on 5433")).containsExactly(first);
    }
  }

  @Test
  void itsFilesAreCopiedOnceOwnerOnlyAndNothingGoesToTheTemporaryFolder() throws IOException {
    List<Path> temporaryBefore = onnxEntriesOfTheTemporaryFolder();
    new MiniLmModel(home).load().close();
    assertThat(onnxEntriesOfTheTemporaryFolder()).isEqualTo(temporaryBefore);
    Path model = onlyFile(home.resolve("models"), ".onnx");
    long modified = Files.getLastModifiedTime(model).toMillis();

    new MiniLmModel(home).load().close();

    assertThat(Files.getLastModifiedTime(model).toMillis()).isEqualTo(modified);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(model.getParent()))).isEqualTo("rwx------");
    try (Stream<Path> natives = Files.walk(home.resolve("native"))) {
      assertThat(natives.filter(Files::isRegularFile).map(path -> path.getFileName().toString()))
          .contains(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
    }
  }

  @Test
  void aDamagedCopyOfTheModelIsWrittenAgain() throws IOException {
    new MiniLmModel(home).load().close();
    Path model = onlyFile(home.resolve("models"), ".onnx");
    Files.write(model, new byte[] {1, 2, 3});

    try (TextEmbedder again = new MiniLmModel(home).load()) {
      assertThat(again.embed("still works")).hasSize(384);
    }
    assertThat(Files.size(model)).isGreaterThan(1_000_000);
  }

  private static List<Path> onnxEntriesOfTheTemporaryFolder() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return entries.filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).contains("onnx"))
          .sorted().collect(Collectors.toList());
    }
  }

  private static Path onlyFile(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(path -> path.toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  private static double norm(float[] vector) {
    return Math.sqrt(cosine(vector, vector));
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
