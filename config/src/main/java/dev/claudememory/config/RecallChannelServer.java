package dev.claudememory.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The server side of the {@link RecallChannel}: listens on {@code MEMORY_HOME/run/recall.sock} and
 * answers each connection's one line with what {@code answerer} makes of it.
 *
 * <p>Only the server's own user gets an answer: the folder is made owner-only (0700) and the socket
 * file owner-only (0600), and a connection whose peer, as the kernel reports it ({@code
 * SO_PEERCRED}), is another user is closed unanswered. One server answers per {@code MEMORY_HOME}:
 * a socket another live server listens on is left to it, one nobody listens on any more is replaced.
 */
public final class RecallChannelServer implements AutoCloseable {
  /** A connection that has not sent its line in this time is closed. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(RecallChannelServer.class.getName());

  private final ServerSocketChannel listener;
  private final Path socket;
  private final Object socketKey;
  private final UserPrincipal owner;
  private final Function<String, String> answerer;
  private final ExecutorService answering;

  private RecallChannelServer(
      ServerSocketChannel listener,
      Path socket,
      Object socketKey,
      UserPrincipal owner,
      Function<String, String> answerer) {
    this.listener = listener;
    this.socket = socket;
    this.socketKey = socketKey;
    this.owner = owner;
    this.answerer = answerer;
    AtomicInteger count = new AtomicInteger();
    this.answering =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "recall-channel-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts serving on the socket of this {@code MEMORY_HOME}.
   *
   * @param answerer the answer line for a request line; throwing closes the connection unanswered
   * @return empty when another live server already serves it, or the socket cannot be made (the
   *     reason is logged); the hook then answers by itself
   */
  public static Optional<RecallChannelServer> start(Path home, Function<String, String> answerer) {
    requireNonNull(answerer, "answerer");
    Path socket = RecallChannel.socketFile(home);
    try {
      Path folder = ownerOnlyFolder(socket.getParent());
      if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        if (someoneListens(socket)) {
          LOG.log(Level.INFO, "another MCP server answers the prompt hook on " + socket);
          return Optional.empty();
        }
        Files.delete(socket); // left by a server that ended without removing it
      }
      ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        listener.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        UserPrincipal owner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS))) {
          throw new IOException(folder + " belongs to another user");
        }
        Object key = Files.readAttributes(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS).get("ino");
        RecallChannelServer server = new RecallChannelServer(listener, socket, key, owner, answerer);
        Thread accepting = new Thread(server::accept, "recall-channel-accept");
        accepting.setDaemon(true);
        accepting.start();
        return Optional.of(server);
      } catch (IOException | RuntimeException e) {
        listener.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "the prompt hook's channel could not be opened at " + socket + ": " + e);
      return Optional.empty();
    }
  }

  /**
   * Whether a connection from this peer is answered: only when it runs as the server's own user.
   * The folder's mode already keeps other users out; this holds even when its mode was changed.
   */
  static boolean admits(UnixDomainPrincipal peer, UserPrincipal serverUser) {
    return peer.user().equals(serverUser);
  }

  /** The socket file this server listens on. */
  public Path socket() {
    return socket;
  }

  private static Path ownerOnlyFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(folder.getParent());
      Files.createDirectory(
          folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    // a folder made with a wider mode (or by a umask that narrowed the one asked for) is set right
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  private static boolean someoneListens(Path socket) throws IOException {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      probe.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (ConnectException e) {
      return false;
    }
  }

  private void accept() {
    while (listener.isOpen()) {
      SocketChannel connection;
      try {
        connection = listener.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.log(Level.WARNING, "the prompt hook's channel stopped accepting: " + e);
        return;
      }
      try {
        answering.execute(() -> answer(connection));
      } catch (RejectedExecutionException e) {
        closeQuietly(connection);
      }
    }
  }

  private void answer(SocketChannel connection) {
    try (connection) {
      UnixDomainPrincipal peer = connection.getOption(ExtendedSocketOptions.SO_PEERCRED);
      if (!admits(peer, owner)) {
        LOG.log(Level.WARNING, "refused the prompt hook's channel to user " + peer.user().getName());
        return;
      }
      Thread deadline = RecallChannel.closeAfter(connection, READ_TIMEOUT);
      Optional<String> request;
      try {
        request = RecallChannel.readLine(connection);
      } finally {
        deadline.interrupt();
      }
      if (request.isEmpty()) {
        return;
      }
      ByteBuffer reply = StandardCharsets.UTF_8.encode(answerer.apply(request.get()) + "\n");
      while (reply.hasRemaining()) {
        connection.write(reply);
      }
    } catch (IOException | RuntimeException e) {
      // the hook falls back to answering by itself; the log names no content
      LOG.log(Level.DEBUG, "a prompt hook's request went unanswered: " + e.getClass().getSimpleName());
    }
  }

  private static void closeQuietly(SocketChannel connection) {
    try {
      connection.close();
    } catch (IOException e) {
      // nothing more to do for it
    }
  }

  /** Stops serving and removes the socket file, unless another server has replaced it since. */
  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the prompt hook's channel: " + e);
    }
    answering.shutdownNow();
    try {
      Object key = Files.readAttributes(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS).get("ino");
      if (Objects.equals(key, socketKey)) {
        Files.delete(socket);
      }
    } catch (IOException e) {
      // gone already
    }
  }
}
