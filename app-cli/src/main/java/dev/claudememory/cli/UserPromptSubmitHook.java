package dev.claudememory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.config.Mode;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SettingsParser;
import dev.claudememory.core.memory.Memory;
import dev.claudememory.core.recall.PromptRecall;
import dev.claudememory.core.recall.RecallQuery;
import dev.claudememory.core.service.MemoryService;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
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
 * memories to the context as {@code hookSpecificOutput.additionalContext}. It answers from the
 * local database in its own process (by words: a short-lived process loads no embedding model),
 * never creates a database, and fails open: on any error it prints nothing and exits 0.
 */
@Command(
    name = "user-prompt-submit",
    mixinStandardHelpOptions = true,
    description = {
      "Adds the memories relevant to a prompt to Claude Code's context.",
      "Reads Claude Code's UserPromptSubmit JSON on stdin and prints up to 5 relevant memories",
      "(8 KB at most) as additionalContext, naming their ids.",
      "Prints nothing for trivial prompts, with " + UserPromptSubmitHook.SWITCH + "=off, on an error or after 1 s."
    })
final class UserPromptSubmitHook implements Callable<Integer> {
  static final String SWITCH = SettingsParser.PROMPT_RECALL;
  static final String EVENT = "UserPromptSubmit";
  private static final System.Logger LOG = System.getLogger(UserPromptSubmitHook.class.getName());
  /** A prompt larger than this is not searched (Claude Code's own prompts are far smaller). */
  private static final int MAX_INPUT_BYTES = 1 << 20;
  private static final Set<String> ON = Set.of("1", "true", "yes", "on");
  private static final Set<String> OFF = Set.of("0", "false", "no", "off");

  @ParentCommand private HookCommand hook;
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    try {
      Optional<String> answer = answer();
      if (answer.isPresent() && hook.main().hookAnswer().claim()) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(answer.get());
        out.flush();
      }
    } catch (IOException | RuntimeException | Error e) {
      // the prompt goes on without memories; the log names no content
      LOG.log(Level.WARNING, "The prompt hook recalled nothing: " + e.getClass().getSimpleName());
    }
    return CliMain.EXIT_OK;
  }

  private Optional<String> answer() throws IOException {
    if (!switchedOn(System.getenv(SWITCH))) {
      return Optional.empty();
    }
    byte[] input = System.in.readNBytes(MAX_INPUT_BYTES + 1);
    if (input.length > MAX_INPUT_BYTES) {
      return Optional.empty();
    }
    JsonNode event = JsonFields.JSON.readTree(input);
    JsonNode prompt = event == null ? null : event.get("prompt");
    JsonNode name = event == null ? null : event.get("hook_event_name");
    if (prompt == null || !prompt.isTextual() || (name != null && !EVENT.equals(name.asText()))) {
      return Optional.empty();
    }
    PromptRecall rule = new PromptRecall(PromptRecall.DEFAULT_THRESHOLD);
    Optional<RecallQuery> query = rule.queryFor(prompt.asText());
    if (query.isEmpty()) {
      return Optional.empty();
    }
    Settings settings = hook.main().settings();
    // remote-only mode has no local database to answer from in time, and a missing one is not made here
    if (settings.mode() == Mode.REMOTE_ONLY || !Files.isRegularFile(settings.database())) {
      return Optional.empty();
    }
    List<Memory> chosen;
    try (MemoryService service = hook.main().openService()) {
      chosen = rule.select(prompt.asText(), service.recall(query.get()).memories());
    }
    String context = PromptContext.of(chosen);
    if (context.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode output = JsonFields.JSON.createObjectNode();
    ObjectNode specific = output.putObject("hookSpecificOutput");
    specific.put("hookEventName", EVENT);
    specific.put("additionalContext", context);
    return Optional.of(JsonFields.JSON.writeValueAsString(output));
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
