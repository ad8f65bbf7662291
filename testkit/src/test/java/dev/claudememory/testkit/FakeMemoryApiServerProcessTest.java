package dev.claudememory.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake run as its own process, as end-to-end tests run it. */
@Timeout(30)
final class FakeMemoryApiServerProcessTest {
  private Process process;

  @AfterEach
  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  @Test
  void printsOneLineWhenReadyServesAndExitsWhenStdinCloses() throws Exception {
    process = start("--port", "0", "--key", "process-key");
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));

    String line = readLineWithin(stdout);

    assertThat(line).matches("listening on http://127\\.0\\.0\\.1:\\d+");
    URI base = URI.create(line.substring("listening on ".length()));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    var reply =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/auth-check"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer process-key")
                .build(),
            BodyHandlers.ofString());
    assertThat(reply.statusCode()).isEqualTo(200);

    process.getOutputStream().close();

    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited after stdin closed").isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(stdout.lines().toList()).as("nothing else on stdout").isEmpty();
  }

  @Test
  void answersOneLinePerCommandOnStdinAndEndsOnQuit() throws Exception {
    process = start("--key", "process-key");
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    Writer stdin = new OutputStreamWriter(process.getOutputStream(), UTF_8);
    URI base = URI.create(readLineWithin(stdout).substring("listening on ".length()));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(5)).build();

    assertThat(command(stdin, stdout, "down")).isEqualTo("ok");
    assertThatThrownBy(() -> http.send(health, BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
    assertThat(command(stdin, stdout, "up")).isEqualTo("ok");
    assertThat(http.send(health, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(command(stdin, stdout, "memories")).isEqualTo("[]");
    assertThat(command(stdin, stdout, "requests")).isEqualTo("{\"GET /health\":1}");
    assertThat(command(stdin, stdout, "no-such-command")).startsWith("error unknown command");
    assertThat(command(stdin, stdout, "quit")).isEqualTo("ok");

    assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited on quit").isTrue();
    assertThat(process.exitValue()).isZero();
  }

  @Test
  void aBadOptionExitsWithUsageOnStderr() throws Exception {
    process = start("--port", "eighty");

    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(new String(process.getErrorStream().readAllBytes(), UTF_8))
        .contains("--port must be a number").contains("usage:");
    assertThat(process.getInputStream().readAllBytes()).isEmpty();
  }

  private static Process start(String... options) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", System.getProperty("java.class.path"),
                FakeMemoryApiServer.class.getName()));
    command.addAll(List.of(options));
    return new ProcessBuilder(command).start();
  }

  private static String command(Writer stdin, BufferedReader stdout, String line)
      throws Exception {
    stdin.write(line + "\n");
    stdin.flush();
    return readLineWithin(stdout);
  }

  private static String readLineWithin(BufferedReader reader) throws Exception {
    return CompletableFuture.supplyAsync(() -> readLine(reader)).get(20, TimeUnit.SECONDS);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
