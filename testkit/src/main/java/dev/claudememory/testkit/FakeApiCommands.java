package dev.claudememory.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The commands a fake API server run as a process ({@link FakeMemoryApiServer#main}) takes on
 * stdin, one a line; each gets one answer line: {@value #OK}, a JSON value for a question, or
 * {@code error <why>} (the server is then unchanged).
 *
 * <ul>
 *   <li>{@code down}: stop listening, connections are refused (memories are kept); {@code up}:
 *       listen again on the same port
 *   <li>{@code fail-next N STATUS}, {@code drop-answers N}, {@code reset-connections N}, {@code
 *       crash-after-commit}: as {@link FakeMemoryApiServer#failNext}, {@link
 *       FakeMemoryApiServer#dropAnswersAfterCommit}, {@link FakeMemoryApiServer#resetConnections},
 *       {@link FakeMemoryApiServer#crashAfterNextCommit}
 *   <li>{@code delay MILLIS [N]}: delay the next N answers, or every answer when N is left out;
 *       {@code delay 0} ends it
 *   <li>{@code unauthorized SECONDS}: 401 on every path that needs the key for that long ({@code
 *       0} ends it)
 *   <li>{@code restart-empty}: as {@link FakeMemoryApiServer#restartEmpty}; {@code snapshot}: take
 *       one ({@link FakeMemoryApiServer#snapshot}) and answer its number, from 1; {@code restore
 *       N}: put snapshot N back ({@link FakeMemoryApiServer#restore}); {@code other-deployment N}:
 *       switch to another deployment holding N memories of its own, {@code Memory i of another
 *       deployment} ({@link FakeMemoryApiServer#switchToOtherDeployment})
 *   <li>{@code memories}: the live memories, {@code [{"id","content","category","tags",
 *       "importance"}]} by id
 *   <li>{@code created}: how many memories the server ever created, deleted ones included (one
 *       store sent twice counts twice, however it was sent)
 *   <li>{@code deleted}: the contents of the deleted memories, {@code ["..."]} by id
 *   <li>{@code requests}: how many requests arrived, by method and path (no query): {@code {"POST
 *       /api/memories":3}}
 *   <li>{@code quit}: answer {@value #OK} and end (handled by {@code main})
 * </ul>
 *
 * <p>Not thread-safe: one reader of stdin drives it.
 */
final class FakeApiCommands {
  static final String OK = "ok";
  static final String SUMMARY =
      "down, up, fail-next N STATUS, drop-answers N, reset-connections N, crash-after-commit,"
          + " delay MILLIS [N], unauthorized SECONDS, restart-empty, snapshot, restore N,"
          + " other-deployment N, memories, created, deleted, requests, quit";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeMemoryApiServer server;
  private final List<ServerSnapshot> snapshots = new ArrayList<>();

  FakeApiCommands(FakeMemoryApiServer server) {
    this.server = server;
  }

  static boolean isQuit(String line) {
    return line.strip().equals("quit");
  }

  /** Performs one command line; returns its answer line. */
  String run(String line) {
    List<String> words = List.of(line.strip().split("\\s+"));
    try {
      return perform(words.get(0), words.subList(1, words.size()));
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException refused) {
      return "error " + refused.getMessage();
    }
  }

  private String perform(String command, List<String> arguments) {
    switch (command) {
      case "down":
        expectArguments(command, arguments, 0);
        server.setDown(true);
        return OK;
      case "up":
        expectArguments(command, arguments, 0);
        server.setDown(false);
        return OK;
      case "fail-next":
        expectArguments(command, arguments, 2);
        server.failNext(number(arguments.get(0)), number(arguments.get(1)));
        return OK;
      case "drop-answers":
        expectArguments(command, arguments, 1);
        server.dropAnswersAfterCommit(number(arguments.get(0)));
        return OK;
      case "reset-connections":
        expectArguments(command, arguments, 1);
        server.resetConnections(number(arguments.get(0)));
        return OK;
      case "crash-after-commit":
        expectArguments(command, arguments, 0);
        server.crashAfterNextCommit();
        return OK;
      case "delay":
        return delay(arguments);
      case "unauthorized":
        expectArguments(command, arguments, 1);
        server.answer401During(Duration.ofSeconds(number(arguments.get(0))));
        return OK;
      case "restart-empty":
        expectArguments(command, arguments, 0);
        server.restartEmpty();
        return OK;
      case "snapshot":
        expectArguments(command, arguments, 0);
        snapshots.add(server.snapshot());
        return Integer.toString(snapshots.size());
      case "restore":
        expectArguments(command, arguments, 1);
        int number = number(arguments.get(0));
        if (number < 1 || number > snapshots.size()) {
          throw new IllegalArgumentException("no snapshot " + number + "; taken: " + snapshots.size());
        }
        server.restore(snapshots.get(number - 1));
        return OK;
      case "other-deployment":
        expectArguments(command, arguments, 1);
        List<String> seeded = new ArrayList<>();
        for (int i = 1; i <= number(arguments.get(0)); i++) {
          seeded.add("Memory " + i + " of another deployment");
        }
        server.switchToOtherDeployment(seeded);
        return OK;
      case "memories":
        expectArguments(command, arguments, 0);
        return memories();
      case "created":
        expectArguments(command, arguments, 0);
        return Integer.toString(server.allMemoriesIncludingDeleted().size());
      case "deleted":
        expectArguments(command, arguments, 0);
        return deleted();
      case "requests":
        expectArguments(command, arguments, 0);
        return requests();
      default:
        throw new IllegalArgumentException(
            "unknown command '" + command + "'; the commands are: " + SUMMARY);
    }
  }

  private String delay(List<String> arguments) {
    if (arguments.isEmpty() || arguments.size() > 2) {
      throw new IllegalArgumentException("delay takes MILLIS and an optional count N");
    }
    int millis = number(arguments.get(0));
    int count = arguments.size() == 2 ? number(arguments.get(1)) : Integer.MAX_VALUE;
    server.delayAnswers(Duration.ofMillis(millis), millis == 0 ? 0 : count);
    return OK;
  }

  private String memories() {
    ArrayNode array = JSON.createArrayNode();
    for (ServerMemory memory : server.serverMemories()) {
      array
          .addObject()
          .put("id", memory.id())
          .put("content", memory.content())
          .put("category", memory.category())
          .put("tags", memory.tags())
          .put("importance", memory.importance());
    }
    return json(array);
  }

  private String deleted() {
    ArrayNode array = JSON.createArrayNode();
    for (ServerMemory memory : server.allMemoriesIncludingDeleted()) {
      if (memory.deletedAt().isPresent()) {
        array.add(memory.content());
      }
    }
    return json(array);
  }

  private String requests() {
    Map<String, Long> counts =
        server.requests().stream()
            .collect(
                Collectors.groupingBy(
                    request -> request.method() + " " + request.path(),
                    TreeMap::new,
                    Collectors.counting()));
    return json(counts);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value); // one line: line breaks in content are escaped
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static void expectArguments(String command, List<String> arguments, int count) {
    if (arguments.size() != count) {
      throw new IllegalArgumentException(
          command + " takes " + count + " argument(s), got " + arguments.size());
    }
  }

  private static int number(String word) {
    try {
      return Integer.parseInt(word);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("not a whole number: " + word);
    }
  }
}
