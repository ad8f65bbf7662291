package dev.claudememory.config;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The local channel on which a running MCP server answers the prompt hook's recalls, so the hook
 * uses the server's warm recall (by meaning too, once its model is ready) instead of opening the
 * database in a process of its own: a Unix domain socket, {@code MEMORY_HOME/run/recall.sock}, in
 * a folder only its owner may open, and served only to processes of the server's own user ({@link
 * RecallChannelServer}). One line of UTF-8 text each way, then the connection is closed.
 */
public final class RecallChannel {
  static final String FOLDER = "run";
  static final String FILE = "recall.sock";
  /** The longest line either side reads; a longer one ends the exchange. */
  public static final int MAX_LINE_BYTES = 2 * 1024 * 1024;

  private RecallChannel() {}

  /** Where the socket of the server using this {@code MEMORY_HOME} is. */
  public static Path socketFile(Path home) {
    return requireNonNull(home, "home").resolve(FOLDER).resolve(FILE);
  }

  /**
   * Sends one line to the server of this {@code MEMORY_HOME} and returns its answer line.
   *
   * @return empty when no server answers: no socket file, a socket nobody listens on any more (a
   *     server that ended without removing it), a refusal, or no whole answer within {@code timeout}
   */
  public static Optional<String> ask(Path home, String line, Duration timeout) {
    requireNonNull(line, "line");
    Path socket = socketFile(home);
    if (!Files.exists(socket)) {
      return Optional.empty();
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      Thread deadline = closeAfter(channel, timeout);
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
        ByteBuffer request = StandardCharsets.UTF_8.encode(line + "\n");
        while (request.hasRemaining()) {
          channel.write(request);
        }
        return readLine(channel);
      } finally {
        deadline.interrupt();
      }
    } catch (IOException | RuntimeException e) {
      // no server, a stale socket, a refusal or the deadline: the caller answers by itself
      return Optional.empty();
    }
  }

  /** The first line read, without its newline; empty when the other side closed before one. */
  static Optional<String> readLine(SocketChannel channel) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        byte next = buffer.get();
        if (next == '\n') {
          return Optional.of(line.toString(StandardCharsets.UTF_8));
        }
        line.write(next);
      }
      if (line.size() > MAX_LINE_BYTES) {
        return Optional.empty();
      }
      buffer.clear();
    }
    return Optional.empty();
  }

  /** Closes the channel once the timeout is over, which ends a blocked connect, read or write. */
  static Thread closeAfter(SocketChannel channel, Duration timeout) {
    Thread closer =
        new Thread(
            () -> {
              try {
                Thread.sleep(timeout.toMillis());
                channel.close();
              } catch (InterruptedException e) {
                // the exchange ended in time
              } catch (IOException e) {
                // closed already
              }
            },
            "recall-channel-deadline");
    closer.setDaemon(true);
    closer.start();
    return closer;
  }
}
