package dev.claudememory.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.claudememory.config.Mode;
import dev.claudememory.config.RecallChannel;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.core.recall.PromptRecall;
import dev.claudememory.core.service.MemoryService;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Claude Code's UserPromptSubmit hook: recalls with the prompt as it is and adds the few relevant
 * memories to the context as {@code hookSpecificOutput.additionalContext}. It asks the MCP server
 * running on the same database, over its local channel ({@link RecallChannel}), which recalls by
 * meaning too once its model is ready; with none running it answers from the local database in its
 * own process (by words: a short-lived process loads no embedding model). It never creates a
 * database, and fails open: on any error it prints nothing and exits 0.
 *
 * <p>Claude Code runs it before every prompt, so {@link CliMain#main} runs it without building the
 * command line's model ({@link #respond}), and its JSON is read and written with the streaming API:
 * both save a few hundred milliseconds of start-up.
 */
@Command(
    name = UserPromptSubmitHook.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Adds the memories relevant to a prompt to Claude Code's context.",
      "Reads Claude Code's UserPromptSubmit JSON on stdin and prints up to 5 relevant memories",
      "(8 KB at most) as additionalContext, naming their ids. It asks the MCP server running on",
      "the same database (its socket under MEMORY_HOME), else recalls by words in its own process.",
      "Prints nothing for trivial prompts, with " + UserPromptSubmitHook.SWITCH + "=off, on an error or after 1 s."
    })
final class UserPromptSubmitHook implements Callable<Integer> {
  static final String NAME = "user-prompt-submit";
  static final String SWITCH = SettingsParser.PROMPT_RECALL;
  static final String EVENT = "UserPromptSubmit";
  private static final System.Logger LOG = System.getLogger(UserPromptSubmitHook.class.getName());
  /** A prompt larger than this is not searched (Claude Code's own prompts are far smaller). */
  private static final int MAX_INPUT_BYTES = 1 << 20;
  /**
   * The server's answer is waited for this long (a recall by meaning takes tens of milliseconds);
   * after it, the rest of the hook's second is left to answer in this process.
   */
  private static final Duration SERVER_TIMEOUT = Duration.ofMillis(400);
  private static final Set<String> ON = Set.of("1", "true", "yes", "on");
  private static final Set<String> OFF = Set.of("0", "false", "no", "off");
  /** Strict like the other JSON the CLI reads: a field given twice is refused, not guessed. */
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @ParentCommand private HookCommand hook;
  @Spec private CommandSpec spec;

  /** Whether these arguments run this hook and nothing else (no help, no other option). */
  static boolean isRunBy(String[] args) {
    return List.of(args).equals(List.of(HookCommand.NAME, NAME));
  }

  @Override
  public Integer call() {
    return respond(hook.main(), System.in, spec.commandLine().getOut());
  }

  /** Reads the event from {@code in} and writes the answer, if any, to {@code out}; always 0. */
  static int respond(CliMain main, InputStream in, PrintWriter out) {
    try {
      Optional<String> answer = answer(main, in);
      if (answer.isPresent() && main.hookAnswer().claim()) {
        out.println(answer.get());
        out.flush();
      }
    } catch (IOException | RuntimeException | Error e) {
      // the prompt goes on without memories; the log names no content
      LOG.log(Level.WARNING, "The prompt hook recalled nothing: " + e.getClass().getSimpleName());
    }
    return CliMain.EXIT_OK;
  }

  private static Optional<String> answer(CliMain main, InputStream in) throws IOException {
    if (!switchedOn(System.getenv(SWITCH))) {
      return Optional.empty();
    }
    byte[] input = in.readNBytes(MAX_INPUT_BYTES + 1);
    if (input.length > MAX_INPUT_BYTES) {
      return Optional.empty();
    }
    Optional<String> prompt = promptOf(input);
    PromptRecall rule = new PromptRecall(PromptRecall.DEFAULT_THRESHOLD);
    if (prompt.isEmpty() || rule.queryFor(prompt.get()).isEmpty()) {
      return Optional.empty();
    }
    Settings settings = main.settings();
    // remote-only mode has no local database to answer from in time
    if (settings.mode() == Mode.REMOTE_ONLY) {
      return Optional.empty();
    }
    Optional<String> fromServer = askServer(settings, prompt.get());
    String context;
    if (fromServer.isPresent()) {
      context = fromServer.get();
    } else if (Files.isRegularFile(settings.database())) { // a missing database is not made here
      try (MemoryService service = main.openService()) {
        context = rule.contextFor(prompt.get(), service::recall);
      }
    } else {
      return Optional.empty();
    }
    if (context.isEmpty()) {
      return Optional.empty();
    }
    StringWriter output = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(output)) {
      json.writeStartObject();
      json.writeObjectFieldStart("hookSpecificOutput");
      json.writeStringField("hookEventName", EVENT);
      json.writeStringField("additionalContext", context);
      json.writeEndObject();
      json.writeEndObject();
    }
    return Optional.of(output.toString());
  }

  /**
   * The prompt of a UserPromptSubmit event: one JSON object whose {@code prompt} is text and whose
   * {@code hook_event_name}, when given, is {@value #EVENT}; empty for anything else.
   */
  static Optional<String> promptOf(byte[] input) throws IOException {
    String prompt = null;
    String event = EVENT;
    try (JsonParser json = JSON.createParser(input)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.getCurrentName();
        JsonToken value = json.nextToken();
        if (field.equals("prompt")) {
          prompt = value == JsonToken.VALUE_STRING ? json.getText() : null;
        } else if (field.equals("hook_event_name")) {
          event = value == JsonToken.VALUE_STRING ? json.getText() : "";
        }
        json.skipChildren();
      }
      if (json.nextToken() != null) {
        return Optional.empty(); // more than the one object
      }
    }
    return prompt == null || !event.equals(EVENT) ? Optional.empty() : Optional.of(prompt);
  }

  /**
   * The context from the MCP server running on this database, recalled with its warm recall; empty
   * when none answers in time, or it uses another database, so this process answers by itself.
   */
  private static Optional<String> askServer(Settings settings, String prompt) throws IOException {
    StringWriter request = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(request)) {
      json.writeStartObject();
      json.writeStringField("prompt", prompt);
      json.writeStringField("database", settings.database().toAbsolutePath().normalize().toString());
      json.writeEndObject();
    }
    Optional<String> line = RecallChannel.ask(settings.home(), request.toString(), SERVER_TIMEOUT);
    if (line.isEmpty()) {
      return Optional.empty();
    }
    try (JsonParser json = JSON.createParser(line.get())) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.getCurrentName();
        JsonToken value = json.nextToken();
        if (field.equals("context") && value == JsonToken.VALUE_STRING) {
          return Optional.of(json.getText());
        }
        json.skipChildren();
      }
    } catch (IOException e) {
      // an answer that is not the channel's JSON: answered here instead
    }
    return Optional.empty();
  }

  /** Unset or on: recall. Off, or a value that is neither, says nothing (named on stderr). */
  private static boolean switchedOn(String value) {
    if (value == null || value.isBlank()) {
      return true;
    }
    String word = value.strip().toLowerCase(Locale.ROOT);
    if (!ON.contains(word) && !OFF.contains(word)) {
      LOG.log(Level.WARNING, SWITCH + " must be on (1, true, yes, on) or off (0, false, no, off); the prompt hook is off until it is");
    }
    return ON.contains(word);
  }
}
