package dev.claudememory.bench.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An API that accepts connections on 127.0.0.1 and never answers (a hung server, a black-holing
 * proxy): every request waits for its client's timeout.
 */
final class SilentServer implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();

  private SilentServer(ServerSocket socket) {
    this.socket = socket;
    Thread acceptor = new Thread(this::acceptForever, "silent-api");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static SilentServer start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(loopback(), 0), 50);
    return new SilentServer(socket);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** A loopback URL on which nothing listens: connections are refused at once. */
  static String closedPortUrl() throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(loopback(), 0));
      return "http://127.0.0.1:" + probe.getLocalPort();
    }
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  private void acceptForever() {
    try {
      while (true) {
        accepted.add(socket.accept()); // held open, never read or written
      }
    } catch (IOException e) {
      // closed
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : accepted) {
      connection.close();
    }
  }
}
