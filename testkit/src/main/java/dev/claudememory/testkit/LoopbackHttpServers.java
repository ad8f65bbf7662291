package dev.claudememory.testkit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK's HTTP server bound to 127.0.0.1, with daemon threads so a forgotten one never keeps a JVM alive. */
final class LoopbackHttpServers {
  private LoopbackHttpServers() {}

  /** A cached pool of daemon threads named {@code <name>-<n>}. */
  static ExecutorService daemonThreads(String name) {
    AtomicInteger threads = new AtomicInteger();
    return Executors.newCachedThreadPool(
        task -> {
          Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /**
   * Starts a server on 127.0.0.1:{@code port} (0 for a free one) serving every path with {@code
   * handler} on {@code executor}.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  static HttpServer start(int port, HttpHandler handler, ExecutorService executor) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    server.createContext("/", handler);
    server.setExecutor(executor);
    // the server's dispatcher thread inherits the daemon flag of the thread that starts it
    Thread starter = new Thread(server::start, "loopback-http-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop(0);
      throw new IllegalStateException("interrupted while starting an HTTP server on 127.0.0.1:" + port, e);
    }
    return server;
  }
}
