package dev.claudememory.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExtractedFilesTest {
  private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

  @TempDir Path home;

  @Test
  void aCopyThatFailsLeavesNoPartOfTheFileBehind() throws IOException {
    Path folder = ExtractedFiles.extract(home, "tokenizer", List.of(TOKENIZER));
    Path copy = folder.resolve("all-minilm-l6-v2-q-tokenizer.json");
    // a folder in the copy's place: the finished copy cannot be moved there
    Files.delete(copy);
    Files.createDirectories(copy);
    Files.writeString(copy.resolve("in-the-way"), "a file of its own");

    assertThatThrownBy(() -> ExtractedFiles.extract(home, "tokenizer", List.of(TOKENIZER)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(home.toString());

    assertThat(files()).containsExactly("in-the-way");
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.walk(home)) {
      return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).collect(Collectors.toList());
    }
  }
}
