package dev.claudememory.cli;

import dev.claudememory.config.RecallChannelServer;
import dev.claudememory.config.Settings;
import dev.claudememory.config.SettingsParser;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The run that teaches the command line's class-data archive ({@code bin/claude-memory
 * --build-class-data}) the classes the prompt hook loads, which Claude Code starts before every
 * prompt: a store, then the hook answered by a server's channel and then by itself, in a throwaway
 * {@code MEMORY_HOME}. The hook's own one-second bound is left out, so a busy build machine still
 * ends the run normally, which is when the archive is written.
 */
final class ClassDataTraining {
  private static final String EVENT =
      "{\"hook_event_name\":\"UserPromptSubmit\",\"prompt\":\"When do we cut the release branch?\"}";

  private ClassDataTraining() {}

  public static void main(String[] args) {
    PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true);
    int stored =
        CliMain.run(
            new String[] {"store", "The release branch is cut every second Tuesday", "-k", "release branch schedule"},
            discard,
            new PrintWriter(System.err, true));
    if (stored != CliMain.EXIT_OK) {
      System.exit(stored);
    }
    CliMain main = new CliMain(SettingsParser::fromEnvironment);
    Settings settings = main.settings();
    try (RecallChannelServer server =
        RecallChannelServer.start(settings.home(), line -> "{\"context\":\"trained\"}").orElseThrow()) {
      UserPromptSubmitHook.respond(main, event(), discard);
    }
    UserPromptSubmitHook.respond(main, event(), discard);
    System.exit(CliMain.EXIT_OK);
  }

  private static ByteArrayInputStream event() {
    return new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8));
  }
}
