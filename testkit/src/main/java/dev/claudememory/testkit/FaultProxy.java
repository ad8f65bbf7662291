package dev.claudememory.testkit;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ExecutorService;

/**
 * An HTTP proxy on 127.0.0.1 between clients and an API server that injects faults at random:
 * the network and gateway trouble a client meets on its way to the real server.
 *
 * <p>The fault a request meets is decided by a hash of the seed, the request's {@linkplain
 * #requestKind kind} (method and path, ids left out) and its number among the requests of that
 * kind: the 7th {@code POST /api/memories} meets the same fault in every run of one seed, however
 * requests of other kinds (or of other clients, each behind its own proxy) interleave with it.
 * {@link #pin} sets the fault of one such request outright.
 *
 * <p>When the upstream server refuses connections the proxy answers 502, as a gateway in front of
 * a dead server does.
 *
 * <p>Thread-safe. Its threads are daemons; {@link #close()} it after use.
 */
public final class FaultProxy implements AutoCloseable {
  /** What can happen to a request on its way through. */
  public enum Fault {
    /** The connection is closed before the request is forwarded: nothing is performed. */
    RESET(6),
    STATUS_500(4),
    STATUS_502(4),
    STATUS_503(4),
    /** Forwarded and performed, then the connection is closed: the client never sees the answer. */
    DROP_AFTER_COMMIT(6),
    /**
     * Forwarded and performed, answered only after {@code slowAnswer}: past the client's timeout.
     * It stalls a client's sync for a whole call timeout, so it is drawn far less often.
     */
    SLOW_ANSWER(1),
    /** Answered 401 without forwarding, for a stretch of time (the key was rotated); never drawn. */
    UNAUTHORIZED(0);

    /** How often a random fault is this one, relative to the others. */
    private final int weight;

    Fault(int weight) {
      this.weight = weight;
    }
  }

  private static final Pattern ID_SEGMENT = Pattern.compile("/\\d+(?=/|$)");
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final int TOTAL_WEIGHT = Arrays.stream(Fault.values()).mapToInt(fault -> fault.weight).sum();
  // Headers the JDK client sets itself and refuses to be given.
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding", "keep-alive");

  private final URI upstream;
  private final Duration slowAnswer;
  private final long seed;
  private final Map<Fault, Long> injected = new EnumMap<>(Fault.class);
  // guarded by this: requests seen per kind, and faults pinned to a kind's n-th request
  private final Map<String, Long> requestsOfKind = new HashMap<>();
  private final Map<String, Fault> pinned = new HashMap<>();
  private final ExecutorService executor = LoopbackHttpServers.daemonThreads("fault-proxy");
  private final HttpClient client;
  // guarded by this
  private double faultRate;
  private long unauthorizedUntil;
  private long upstreamRefusals;
  private long requests;
  private HttpServer server;

  /**
   * @param upstream the API server's base URI
   * @param seed seeds the draws of faults
   * @param slowAnswer how long a {@link Fault#SLOW_ANSWER} is held back
   */
  public FaultProxy(URI upstream, long seed, Duration slowAnswer) {
    this.upstream = requireNonNull(upstream, "upstream");
    this.slowAnswer = requireNonNull(slowAnswer, "slowAnswer");
    this.seed = seed;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(executor)
            .build();
  }

  /** Starts listening on a free port. */
  public synchronized FaultProxy start() {
    if (server == null) {
      server = LoopbackHttpServers.start(0, this::handle, executor);
    }
    return this;
  }

  public synchronized URI baseUri() {
    if (server == null) {
      throw new IllegalStateException("the proxy is not started");
    }
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Each request from now on meets one of the random faults with this probability; 0 stops them,
   * pinned ones too.
   */
  public synchronized void setFaultRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("rate must be 0..1: " + rate);
    }
    faultRate = rate;
  }

  /**
   * The {@code ordinal}-th request (from 1) of this {@linkplain #requestKind kind} meets {@code
   * fault}, whatever the draw says, if faults are on (rate above 0) when it comes.
   */
  public synchronized void pin(String kind, long ordinal, Fault fault) {
    requireNonNull(kind, "kind");
    requireNonNull(fault, "fault");
    if (ordinal < 1) {
      throw new IllegalArgumentException("ordinal must be 1 or more: " + ordinal);
    }
    if (fault == Fault.UNAUTHORIZED) {
      throw new IllegalArgumentException("401s come in stretches: use answer401For");
    }
    pinned.put(kind + "#" + ordinal, fault);
  }

  /**
   * A request's kind for the fault draws: its method and path with every number segment written
   * {@code {}}, so {@code DELETE /api/memories/17} and {@code DELETE /api/memories/4} are one kind,
   * {@code DELETE /api/memories/{}}.
   */
  public static String requestKind(String method, String rawPath) {
    return method + " " + ID_SEGMENT.matcher(rawPath).replaceAll("/{}");
  }

  /** Answers 401 to every request from now on for {@code stretch}. */
  public synchronized void answer401For(Duration stretch) {
    unauthorizedUntil = System.nanoTime() + stretch.toNanos();
  }

  /** How many requests met each fault so far (kinds never met are absent). */
  public synchronized Map<Fault, Long> injected() {
    return Map.copyOf(injected);
  }

  /** How many requests came in. */
  public synchronized long requests() {
    return requests;
  }

  /** How many requests were answered 502 because the upstream server refused the connection. */
  public synchronized long upstreamRefusals() {
    return upstreamRefusals;
  }

  /** Stops listening and ends its threads; a slow answer still held back is never sent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
    executor.shutdownNow();
  }

  /** The fault this request meets, or null when it is forwarded untouched. */
  private synchronized Fault draw(String kind) {
    requests++;
    long ordinal = requestsOfKind.merge(kind, 1L, Long::sum);
    if (System.nanoTime() - unauthorizedUntil < 0) {
      return count(Fault.UNAUTHORIZED);
    }
    if (faultRate == 0) {
      return null;
    }
    Fault pin = pinned.remove(kind + "#" + ordinal);
    if (pin != null) {
      return count(pin);
    }
    long draw = mix(seed ^ mix(kind.hashCode() * GOLDEN_GAMMA + ordinal));
    if (unitInterval(draw) >= faultRate) {
      return null;
    }
    long pick = Long.remainderUnsigned(mix(draw + GOLDEN_GAMMA), TOTAL_WEIGHT);
    for (Fault fault : Fault.values()) {
      pick -= fault.weight;
      if (pick < 0) {
        return count(fault);
      }
    }
    throw new AssertionError("the weights add up to " + TOTAL_WEIGHT);
  }

  /** SplitMix64's finalizer: spreads every input bit over the whole output. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static double unitInterval(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  private Fault count(Fault fault) {
    injected.merge(fault, 1L, Long::sum);
    return fault;
  }

  private synchronized void countRefusal() {
    upstreamRefusals++;
  }

  // closing an exchange that sent no answer closes its connection: how resets and drops happen
  private void handle(HttpExchange exchange) {
    try (exchange) {
      Fault fault = draw(requestKind(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()));
      if (fault == Fault.RESET) {
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (fault == Fault.UNAUTHORIZED) {
        answer(exchange, Answer.injected(401));
        return;
      }
      if (fault == Fault.STATUS_500 || fault == Fault.STATUS_502 || fault == Fault.STATUS_503) {
        answer(exchange, Answer.injected(Integer.parseInt(fault.name().substring("STATUS_".length()))));
        return;
      }
      HttpResponse<byte[]> response;
      try {
        response = client.send(forwarded(exchange, body), HttpResponse.BodyHandlers.ofByteArray());
      } catch (ConnectException refused) {
        countRefusal();
        answer(exchange, Answer.injected(502));
        return;
      }
      if (fault == Fault.DROP_AFTER_COMMIT) {
        return;
      }
      if (fault == Fault.SLOW_ANSWER) {
        Thread.sleep(slowAnswer.toMillis());
      }
      relay(exchange, response);
    } catch (IOException clientOrUpstreamGone) {
      // the exchange is closed without an answer: the client sees what it would see on the wire
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpRequest forwarded(HttpExchange exchange, byte[] body) {
    URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    return request.build();
  }

  private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
    response.headers().firstValue("content-type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
    send(exchange, response.statusCode(), response.body());
  }

  private static void answer(HttpExchange exchange, Answer answer) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    send(exchange, answer.status(), answer.body().getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean empty = body.length == 0 || status == 204 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, empty ? -1 : body.length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
