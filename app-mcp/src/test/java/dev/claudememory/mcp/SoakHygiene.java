package dev.claudememory.mcp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * What the soak's processes left that they must not: stdout lines that are not protocol messages,
 * the API key in any output or any file under {@code MEMORY_HOME}, a stored secret in any output or
 * any file but the database itself (where the local original is kept on purpose).
 */
final class SoakHygiene {
  private SoakHygiene() {}

  /** The problems found in the output of every process the clients ran and in their folders. */
  static List<String> problems(List<SoakClient> clients, String apiKey) {
    List<String> problems = new ArrayList<>();
    Set<Path> folders = new LinkedHashSet<>();
    for (SoakClient client : clients) {
      folders.add(client.folder().resolve("memory-home"));
      for (McpProcess process : client.processes()) {
        String who = client.name() + "'s process " + process.process().pid();
        try {
          McpProcesses.assertOnlyProtocolMessages(process.stdoutLines());
        } catch (AssertionError notProtocol) {
          problems.add(who + " wrote to stdout what is not a protocol message: " + notProtocol.getMessage());
        }
        if (process.stdoutLines().stream().anyMatch(line -> line.contains(apiKey))) {
          problems.add(who + " showed the API key on stdout");
        }
        if (process.stderr().contains(apiKey)) {
          problems.add(who + " showed the API key on stderr");
        }
        secrets(String.join("\n", process.stdoutLines()))
            .forEach(secret -> problems.add(who + " showed a stored secret on stdout: " + secret));
        secrets(process.stderr())
            .forEach(secret -> problems.add(who + " showed a stored secret on stderr: " + secret));
      }
    }
    for (Path home : folders) {
      for (Path file : FileTexts.filesUnder(home)) {
        String bytes = read(file);
        if (bytes.contains(apiKey)) {
          problems.add(file + " holds the API key");
        }
        if (!isDatabase(file)) {
          secrets(bytes).forEach(secret -> problems.add(file + " holds a stored secret: " + secret));
        }
      }
    }
    return problems;
  }

  /** The database, its WAL and shared-memory files: where the local originals of secrets live. */
  private static boolean isDatabase(Path file) {
    return file.getFileName().toString().startsWith("memory.db");
  }

  private static Set<String> secrets(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = SoakLedger.SECRET.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group());
    }
    return found;
  }

  /** Byte for byte: a database file is not valid UTF-8, and what is looked for is ASCII. */
  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
