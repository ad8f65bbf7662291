package dev.claudememory.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import dev.claudememory.core.memory.Category;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake of the remote memory API server (SPEC §6: FastAPI + PostgreSQL) on 127.0.0.1, all in
 * memory, for tests of the HTTP adapter, the sync engine and whole processes. It answers as the
 * real server does: FastAPI-shaped 422s, float4 importance, soft deletes visible to {@code since}
 * pulls, server-side redaction of credentials, no deduplication by {@code Idempotency-Key}. It has
 * one user ({@value #USER_NAME}, id {@value #USER_ID}) and one API key.
 *
 * <p>Faults are armed for the next requests; arming a kind again replaces its setting, and 0
 * disarms it. In the order they act on a request: {@link #resetConnections} (no request is
 * performed), {@link #failNext} (every path, {@code /health} too; nothing is performed), {@link
 * #answer401For}/{@link #answer401During}/{@link #setAnswer401} (paths that need the key), {@link
 * #crashAfterNextCommit} and {@link #dropAnswersAfterCommit} (mutating paths: performed, answer
 * lost), {@link #delayAnswers} (the answer is delayed after the request was performed, so a client
 * that times out has still changed the server).
 *
 * <p>The API can also lose its data, as a real deployment does: {@link #restartEmpty} (its
 * database recreated), {@link #restore} of a {@link #snapshot} (restored from an older backup),
 * {@link #switchToOtherDeployment} (the URL now leads to another deployment). Ids are then handed
 * out again, so a client's server ids may name other memories.
 *
 * <p>{@link #main} runs it as a process driven by commands on stdin ({@link FakeApiCommands}).
 *
 * <p>Thread-safe. Its threads are daemons; {@link #close()} it after each test.
 */
public final class FakeMemoryApiServer implements AutoCloseable {
  public static final String DEFAULT_API_KEY = "test-api-key";
  public static final long USER_ID = 1;
  public static final String USER_NAME = "fake-user";
  private static final Duration OTHER_DEPLOYMENT_AGE = Duration.ofHours(1);

  private final MemoryTable table;
  private final Faults faults = new Faults();
  private final RequestLog log = new RequestLog();
  private final AtomicReference<String> apiKey;
  private final ExecutorService executor;
  private final ApiHandler handler;
  private final Object lifecycle = new Object();
  // guarded by lifecycle
  private int port;
  private HttpServer server;
  private boolean closed;

  /** A server on a free port, with key {@value #DEFAULT_API_KEY} and the system clock (UTC). */
  public FakeMemoryApiServer() {
    this(DEFAULT_API_KEY);
  }

  public FakeMemoryApiServer(String apiKey) {
    this(apiKey, Clock.systemUTC(), 0);
  }

  /**
   * @param clock stamps {@code created_at}, {@code updated_at} and {@code server_time}; stamps
   *     still increase strictly when it stands still or goes back
   * @param port the port to listen on, 0 for a free one (kept for later restarts)
   */
  public FakeMemoryApiServer(String apiKey, Clock clock, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    this.apiKey = new AtomicReference<>(requireKey(apiKey));
    this.table = new MemoryTable(clock);
    this.port = port;
    this.executor = LoopbackHttpServers.daemonThreads("fake-memory-api");
    this.handler =
        new ApiHandler(new ApiEndpoints(table).routes(), faults, log, this.apiKey::get, this::stop);
  }

  /**
   * Starts listening, on the same port as before after a {@link #stop()}; the memories are kept.
   * Does nothing when already listening.
   *
   * @throws IllegalStateException once closed
   * @throws UncheckedIOException when the port cannot be bound
   */
  public FakeMemoryApiServer start() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the fake API server is closed");
      }
      if (server != null) {
        return this;
      }
      server = LoopbackHttpServers.start(port, handler, executor);
      port = server.getAddress().getPort();
      return this;
    }
  }

  /**
   * Stops listening and closes every open connection, keeping the memories, the key and the port:
   * a client is refused until {@link #start()}.
   */
  public void stop() {
    synchronized (lifecycle) {
      if (server != null) {
        server.stop(0);
        server = null;
      }
    }
  }

  /** Stops for good and ends the threads (a delayed answer is never sent). */
  @Override
  public void close() {
    synchronized (lifecycle) {
      stop();
      closed = true;
      executor.shutdownNow();
    }
  }

  public boolean isRunning() {
    synchronized (lifecycle) {
      return server != null;
    }
  }

  /**
   * An outage: {@code true} stops listening (clients are refused, as when the server or its host
   * is down), {@code false} listens again on the same port with the same state. A proxy's 502/503
   * in front of a dead server is {@link #failNext} instead.
   */
  public void setDown(boolean down) {
    if (down) {
      stop();
    } else {
      start();
    }
  }

  /** @throws IllegalStateException before the first {@link #start()} of a port-0 server */
  public int port() {
    synchronized (lifecycle) {
      if (port == 0) {
        throw new IllegalStateException("not started yet: no port chosen");
      }
      return port;
    }
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public String apiKey() {
    return apiKey.get();
  }

  /** Rotates the key: from now on only {@code Bearer <newKey>} is accepted. */
  public void setApiKey(String newKey) {
    apiKey.set(requireKey(newKey));
  }

  /** Live memories, by id. */
  public List<ServerMemory> serverMemories() {
    return table.liveRows().stream().map(Row::view).toList();
  }

  /** Every memory ever stored, soft-deleted ones too, by id. */
  public List<ServerMemory> allMemoriesIncludingDeleted() {
    return table.allRows().stream().map(Row::view).toList();
  }

  /** A memory by id, deleted or not. */
  public Optional<ServerMemory> memory(long id) {
    return table.any(id).map(Row::view);
  }

  /** The requests received (the last {@value RequestLog#CAPACITY}), oldest first. */
  public List<RecordedRequest> requests() {
    return log.all();
  }

  public void clearRequests() {
    log.clear();
  }

  /** Answers the next {@code n} requests, whatever their path, with {@code status} (400..599). */
  public void failNext(int n, int status) {
    faults.failNext(n, status);
  }

  /**
   * Performs the next {@code n} requests to mutating paths (store, update, delete, import, share),
   * valid or not, then closes the connection without answering: the client sees a lost answer.
   */
  public void dropAnswersAfterCommit(int n) {
    faults.dropAnswersAfterCommit(n);
  }

  /** Delays the next {@code n} answers by {@code delay}, after the request was performed. */
  public void delayAnswers(Duration delay, int n) {
    faults.delayAnswers(requireNonNull(delay, "delay"), n);
  }

  /**
   * Closes the connection of the next {@code n} requests, whatever their path, before reading
   * the body: nothing is performed and the client sees a reset or an empty answer.
   */
  public void resetConnections(int n) {
    faults.resetConnections(n);
  }

  /** Answers the next {@code n} requests that need the key with 401, whatever key they carry. */
  public void answer401For(int n) {
    faults.answer401For(n);
  }

  /** While on, every request that needs the key gets 401, whatever key it carries. */
  public void setAnswer401(boolean on) {
    faults.setAnswer401(on);
  }

  /** Answers every request that needs the key with 401 for {@code window} from now (0 ends it). */
  public void answer401During(Duration window) {
    faults.answer401During(requireNonNull(window, "window"));
  }

  /**
   * Performs the next request to a mutating path, then stops listening without answering it, as a
   * server that dies right after its database committed: the client loses the answer and is
   * refused until {@link #start()}.
   */
  public void crashAfterNextCommit() {
    faults.crashAfterNextCommit();
  }

  /**
   * Stores a memory as another machine would (redaction and float4 importance included).
   *
   * @param category canonicalised as the API does
   */
  public ServerMemory serverSideStore(String content, String category) {
    requireNonNull(content, "content");
    String canonical = Category.canonical(category).name();
    return table.create(new MemoryInput(content, canonical, "", "", 0.5, false)).view();
  }

  /**
   * Changes a memory's content as another machine would, bumping its {@code updated_at}.
   *
   * @throws IllegalArgumentException for an unknown or deleted id
   */
  public ServerMemory serverSideEdit(long id, String content) {
    requireNonNull(content, "content");
    return table
        .update(id, MemoryChange.ofContent(content))
        .map(Row::view)
        .orElseThrow(() -> new IllegalArgumentException("no live memory " + id));
  }

  /**
   * Soft-deletes a memory as another machine would; nothing happens when it is already deleted.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public void serverSideDelete(long id) {
    if (table.any(id).isEmpty()) {
      throw new IllegalArgumentException("no memory " + id);
    }
    table.softDelete(id);
  }

  /**
   * The data now: every memory (soft-deleted ones too), the id sequence and the shares, for a later
   * {@link #restore}. Later writes do not change it.
   */
  public ServerSnapshot snapshot() {
    return new ServerSnapshot(table.state());
  }

  /**
   * The API's database restored from an older backup: the snapshot's data comes back whole.
   * Memories created after it vanish, memories deleted after it are live again, edits after it are
   * undone, and the id sequence goes back, so ids after the snapshot's {@link
   * ServerSnapshot#lastId()} are handed out again (to other memories). Restored rows keep their old
   * {@code updated_at}, so a pull since a later cursor does not list them; the server's time goes on.
   *
   * @throws IllegalArgumentException for a snapshot of another server
   */
  public void restore(ServerSnapshot snapshot) {
    table.restore(requireNonNull(snapshot, "snapshot").state());
  }

  /**
   * The API restarted on a new, empty database: every memory, tombstone and share is gone and ids
   * start again from 1. Open connections are closed, and it listens again on the same port when it
   * was listening; the key and the armed faults stay.
   */
  public void restartEmpty() {
    synchronized (lifecycle) {
      boolean running = server != null;
      stop();
      table.clear();
      if (running) {
        start();
      }
    }
  }

  /**
   * {@code MEMORY_API_URL} now leads to another deployment of the API that takes the same key: none
   * of this server's memories or tombstones are there, only the other deployment's own, one per
   * {@code seededContents} entry (category {@code facts}, redacted as the API redacts), with ids
   * from 1, which overlap the ids this server handed out. Its id sequence continues after them.
   * They were written an hour before the switch, so a pull since a cursor this server answered in
   * that hour does not list them; a full pull (no {@code since}, or an early one) does.
   *
   * @return the other deployment's memories, by id
   */
  public List<ServerMemory> switchToOtherDeployment(List<String> seededContents) {
    List<MemoryInput> inputs = new ArrayList<>();
    for (String content : seededContents) {
      inputs.add(new MemoryInput(requireNonNull(content, "content"), "facts", "", "", 0.5, false));
    }
    return table.replaceWith(inputs, OTHER_DEPLOYMENT_AGE).stream().map(Row::view).toList();
  }

  /**
   * Runs the fake as a process: {@code --port N} (default 0, a free port) and {@code --key K}
   * (default {@value #DEFAULT_API_KEY}). Prints one line, {@code listening on
   * http://127.0.0.1:<port>}, once it accepts connections; then reads one command a line on stdin
   * and answers each with one line on stdout (see {@link FakeApiCommands}). It ends on {@code
   * quit} or when its stdin closes, so it dies with the test that started it through a pipe.
   */
  public static void main(String[] args) throws IOException {
    int port = 0;
    String key = DEFAULT_API_KEY;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 == args.length || !(option.equals("--port") || option.equals("--key"))) {
        usage("unknown or incomplete option: " + option);
        return;
      }
      String value = args[++i];
      if (option.equals("--key")) {
        key = value;
      } else {
        try {
          port = Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
          usage("--port must be a number: " + value);
          return;
        }
      }
    }
    try (FakeMemoryApiServer fake = new FakeMemoryApiServer(key, Clock.systemUTC(), port)) {
      fake.start();
      PrintStream out = System.out;
      out.println("listening on " + fake.baseUri());
      out.flush();
      FakeApiCommands commands = new FakeApiCommands(fake);
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        boolean quit = FakeApiCommands.isQuit(line);
        out.println(quit ? FakeApiCommands.OK : commands.run(line));
        out.flush();
        if (quit) {
          return;
        }
      }
    }
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println(
        "usage: java " + FakeMemoryApiServer.class.getName() + " [--port N] [--key K]"
            + " (then commands on stdin: " + FakeApiCommands.SUMMARY + ")");
    System.exit(2);
  }

  private static String requireKey(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("the API key must not be blank");
    }
    return key;
  }
}
