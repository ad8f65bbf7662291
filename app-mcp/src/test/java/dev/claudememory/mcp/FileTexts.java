package dev.claudememory.mcp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Which files a server left hold a text: a key, a secret. */
final class FileTexts {
  private FileTexts() {}

  /** Every regular file under {@code root}; none when it does not exist. */
  static List<Path> filesUnder(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The files under {@code root} holding {@code text}, compared byte for byte: the texts looked for
   * are ASCII, and a database file is not valid UTF-8.
   */
  static List<Path> holding(Path root, String text) {
    List<Path> holding = new ArrayList<>();
    for (Path file : filesUnder(root)) {
      try {
        if (new String(Files.readAllBytes(file), ISO_8859_1).contains(text)) {
          holding.add(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return holding;
  }
}
