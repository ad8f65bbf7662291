package dev.claudememory.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.claudememory.config.ClaudeMemory;
import dev.claudememory.config.MemoryComponent;
import dev.claudememory.config.Mode;
import dev.claudememory.config.RecallChannelServer;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.config.SyncRole;
import dev.claudememory.core.MemoryException;
import dev.claudememory.mcp.protocol.LineReader;
import dev.claudememory.mcp.protocol.ProtocolWriter;
import dev.claudememory.mcp.tools.Services;
import dev.claudememory.mcp.tools.ToolCatalog;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The MCP stdio server's entry point. The real stdout carries protocol messages only: it is taken
 * for the transport first, and {@code System.out} is pointed at stderr so no library print can
 * corrupt the protocol.
 */
public final class McpMain {
  /** Bound on one protocol line; larger lines are refused and skipped. */
  static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(10);

  private McpMain() {}

  public static void main(String[] args) {
    if (args.length > 0) {
      // run by hand: answered at once, before the protocol stream is taken or anything opened
      System.exit(ServerArguments.answer(args, System.out, System.err, version()));
    }
    OutputStream protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
    System.setOut(System.err);
    quietLibraries();

    // The protocol objects come first and alone: the handshake needs nothing else. The object
    // mapper and the database (settings, log file, migrations, sync) are made in the background
    // once the handshake is answered, so it has both cores to itself.
    JsonFactory streaming = streamingFactory();
    AfterHandshake backgroundStart = new AfterHandshake();
    ProtocolMapper mapper = ProtocolMapper.startInBackground(McpMain::protocolMapper, backgroundStart);
    ToolCatalog tools =
        ToolCatalog.forMode(SettingsParser.apiKeySet(System.getenv()), SettingsParser.remoteOnly(System.getenv()));
    ServiceOpener opener = new ServiceOpener();
    ServiceHandle services = ServiceHandle.openInBackground(opener, OPEN_TIMEOUT, backgroundStart);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  opener.closeChannel();
                  services.close();
                },
                "memory-close"));

    McpServer server =
        new McpServer(
            tools,
            services,
            new ProtocolWriter(protocolOut, mapper),
            streaming,
            mapper,
            toolExecutor(),
            version(),
            backgroundStart);
    int status = 0;
    try {
      server.serve(new LineReader(System.in, MAX_LINE_BYTES));
    } catch (IOException | RuntimeException e) {
      System.getLogger(McpMain.class.getName()).log(Level.ERROR, "the protocol stream failed", e);
      status = 1;
    }
    server.finish(FINISH_TIMEOUT);
    opener.closeChannel();
    // closed before exit rather than by the shutdown hook alone: the embedding model's runtime
    // frees itself in a hook of its own, which must not run while the model is still in use
    services.close();
    System.exit(status);
  }

  static ObjectMapper protocolMapper() {
    return JsonMapper.builder(streamingFactory())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
  }

  /** The same bounds for the handshake's streaming reads as for the mapper's. */
  static JsonFactory streamingFactory() {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(256).maxStringLength(MAX_LINE_BYTES).build())
        .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
  }

  /**
   * Tool calls run here, up to 16 at once. A store waits on its thread for its commit, and the
   * database's writer commits the stores waiting together in one transaction, so more threads make
   * bigger groups when many calls arrive at once. Threads are started only as calls overlap.
   */
  private static ExecutorService toolExecutor() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        16,
        runnable -> {
          Thread thread = new Thread(runnable, "tool-call-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  private static void quietLibraries() {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    System.setProperty("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.jooq", "warn");
  }

  private static String version() {
    String version = McpMain.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /**
   * Opens the service as the environment describes it: reads the settings, starts logging to the
   * file under {@code MEMORY_HOME} (once, however often an open is tried) and opens the database. A
   * bad setting is the open's failure, so every tool call tells the assistant what to fix while the
   * protocol keeps working. With a local database it also answers the prompt hook on its channel
   * under {@code MEMORY_HOME}, so the hook recalls with this process's warm recall.
   */
  private static final class ServiceOpener implements Supplier<Services> {
    private static final long LOG_FILE_BYTES = 5L * 1024 * 1024;
    private static final int LOG_FILES_KEPT = 3;

    private final AtomicBoolean loggingToFile = new AtomicBoolean();
    private final AtomicReference<RecallChannelServer> channel = new AtomicReference<>();

    @Override
    public Services get() {
      Settings settings;
      try {
        settings = SettingsParser.fromEnvironment();
      } catch (MemoryException e) {
        System.err.println("claude-memory: " + e.getMessage());
        throw e;
      }
      if (loggingToFile.compareAndSet(false, true)) {
        logToFileToo(settings);
      }
      ClaudeMemory.keepSqliteLibraryUnderHome(settings);
      MemoryComponent component = ClaudeMemory.openComponent(settings, SyncRole.BACKGROUND);
      if (settings.mode() != Mode.REMOTE_ONLY && channel.get() == null) {
        PromptRecallAnswers answers =
            new PromptRecallAnswers(component.memoryService(), settings.database(), protocolMapper());
        RecallChannelServer.start(settings.home(), answers).ifPresent(channel::set);
      }
      return new Services(component.memoryService(), component.sharing(), settings.resultBudget());
    }

    /** Stops answering the prompt hook, before the database is closed. */
    void closeChannel() {
      RecallChannelServer open = channel.getAndSet(null);
      if (open != null) {
        open.close();
      }
    }

    private static void logToFileToo(Settings settings) {
      try {
        RotatingLogFile file =
            RotatingLogFile.in(settings.home().resolve("logs"), "mcp-server.log", LOG_FILE_BYTES, LOG_FILES_KEPT);
        System.setErr(new PrintStream(new TeeOutputStream(System.err, file), true, StandardCharsets.UTF_8));
        System.setOut(System.err);
      } catch (IOException e) {
        System.err.println("claude-memory: logging to stderr only; the log file could not be opened: " + e.getMessage());
      }
    }
  }
}
