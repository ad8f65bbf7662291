package dev.claudememory.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jdk.net.UnixDomainPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class RecallChannelServerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path home;

  @Test
  void aLineSentOnTheChannelIsAnsweredByTheServerOfThatHome() {
    try (RecallChannelServer server = RecallChannelServer.start(home, line -> "answer to " + line).orElseThrow()) {
      assertThat(RecallChannel.ask(home, "{\"prompt\":\"été\"}", TIMEOUT)).contains("answer to {\"prompt\":\"été\"}");
      assertThat(server.socket()).isEqualTo(home.resolve("run").resolve("recall.sock"));
    }
  }

  @Test
  void theFolderIsOwnerOnlyAndTheSocketTooEvenWhenTheFolderExistedWider() throws Exception {
    Files.createDirectories(home.resolve("run"));
    Files.setPosixFilePermissions(home.resolve("run"), PosixFilePermissions.fromString("rwxrwxrwx"));

    try (RecallChannelServer server = RecallChannelServer.start(home, line -> line).orElseThrow()) {
      assertThat(Files.getPosixFilePermissions(home.resolve("run")))
          .isEqualTo(PosixFilePermissions.fromString("rwx------"));
      assertThat(Files.getPosixFilePermissions(server.socket()))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Test
  void withNoServerOrOnlyTheSocketFileOfOneThatEndedNothingIsAnswered() throws Exception {
    assertThat(RecallChannel.ask(home, "hello", TIMEOUT)).isEmpty();

    Path socket = RecallChannel.socketFile(home);
    Files.createDirectories(socket.getParent());
    try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      gone.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();
    assertThat(RecallChannel.ask(home, "hello", TIMEOUT)).isEmpty();
  }

  @Test
  void aServerReplacesASocketNobodyListensOnAndRemovesItsOwnWhenClosed() throws Exception {
    Path socket = RecallChannel.socketFile(home);
    Files.createDirectories(socket.getParent());
    try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      gone.bind(UnixDomainSocketAddress.of(socket));
    }

    try (RecallChannelServer server = RecallChannelServer.start(home, line -> "fresh").orElseThrow()) {
      assertThat(RecallChannel.ask(home, "hello", TIMEOUT)).contains("fresh");
    }
    assertThat(socket).doesNotExist();
  }

  @Test
  void aSecondServerLeavesTheChannelToTheLiveOne() {
    try (RecallChannelServer first = RecallChannelServer.start(home, line -> "first").orElseThrow()) {
      Optional<RecallChannelServer> second = RecallChannelServer.start(home, line -> "second");

      assertThat(second).isEmpty();
      assertThat(RecallChannel.ask(home, "hello", TIMEOUT)).contains("first");
    }
  }

  @Test
  void anAnswererThatFailsLeavesTheRequestUnansweredAndTheServerServing() {
    try (RecallChannelServer server =
        RecallChannelServer.start(
                home,
                line -> {
                  if (line.equals("fail")) {
                    throw new IllegalStateException("no database");
                  }
                  return "ok";
                })
            .orElseThrow()) {
      assertThat(RecallChannel.ask(home, "fail", TIMEOUT)).isEmpty();
      assertThat(RecallChannel.ask(home, "again", TIMEOUT)).contains("ok");
    }
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsGivenUpOn() {
    try (RecallChannelServer server =
        RecallChannelServer.start(
                home,
                line -> {
                  try {
                    Thread.sleep(3_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return "late";
                })
            .orElseThrow()) {
      long started = System.nanoTime();

      assertThat(RecallChannel.ask(home, "hello", Duration.ofMillis(200))).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void onlyAPeerOfTheServersOwnUserIsAdmitted() throws Exception {
    UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
    UserPrincipal serverUser = Files.getOwner(home);
    String otherName = serverUser.getName().equals("nobody") ? "root" : "nobody";
    UserPrincipal otherUser = users.lookupPrincipalByName(otherName);
    GroupPrincipal group = Files.readAttributes(home, PosixFileAttributes.class).group();

    assertThat(RecallChannelServer.admits(new UnixDomainPrincipal(serverUser, group), serverUser)).isTrue();
    assertThat(RecallChannelServer.admits(new UnixDomainPrincipal(otherUser, group), serverUser)).isFalse();
  }
}
