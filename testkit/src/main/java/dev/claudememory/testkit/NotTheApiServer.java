package dev.claudememory.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

/**
 * A server on loopback that is not the memory API, as a wrong {@code MEMORY_API_URL} finds one: it
 * answers every request with the same page, whatever was asked.
 */
public final class NotTheApiServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;

  private NotTheApiServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** A web server's welcome page, as {@code text/html} with status 200. */
  public static NotTheApiServer webPage() {
    return answering("text/html", "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>");
  }

  /** JSON of some other service, with status 200. */
  public static NotTheApiServer otherJson() {
    return answering("application/json", "{\"service\":\"inventory\",\"items\":[1,2,3]}");
  }

  private static NotTheApiServer answering(String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ExecutorService threads = LoopbackHttpServers.daemonThreads("not-the-api");
    HttpServer server =
        LoopbackHttpServers.start(
            0,
            exchange -> {
              try (InputStream request = exchange.getRequestBody()) {
                request.readAllBytes();
              }
              exchange.getResponseHeaders().set("Content-Type", contentType);
              exchange.sendResponseHeaders(200, bytes.length);
              try (OutputStream response = exchange.getResponseBody()) {
                response.write(bytes);
              }
            },
            threads);
    return new NotTheApiServer(server, threads);
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
