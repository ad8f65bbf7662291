package dev.claudememory.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudememory.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class McpConfigTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ServerEntry ENTRY =
      new ServerEntry(Path.of("/opt/claude-memory/bin/claude-memory-mcp"), Map.of("MEMORY_HOME", "/data/memory"));

  private static String fixture() throws IOException {
    try (InputStream in = McpConfigTextTest.class.getResourceAsStream("/claude-code/user-config.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static McpConfigText parse(String text) {
    return McpConfigText.parse(text, "the config");
  }

  private static String added(String text) {
    return parse(text).withServer(ServerEntry.NAME, ENTRY);
  }

  @Test
  void addedServerFollowsTheLastOneWithTheFilesIndentation() throws IOException {
    String text = fixture();

    String withServer = added(text);

    String inserted =
        ",\n"
            + "        \"claude-memory\": {\n"
            + "            \"type\": \"stdio\",\n"
            + "            \"command\": \"/opt/claude-memory/bin/claude-memory-mcp\",\n"
            + "            \"args\": [],\n"
            + "            \"env\": {\n"
            + "                \"MEMORY_HOME\": \"/data/memory\"\n"
            + "            }\n"
            + "        }";
    int at = text.indexOf("{\"command\": \"/opt/x\", \"args\": []}") + "{\"command\": \"/opt/x\", \"args\": []}".length();
    assertThat(withServer).isEqualTo(text.substring(0, at) + inserted + text.substring(at));
  }

  @Test
  void addedServerIsTheEntryAndEverythingElseIsUnchanged() throws IOException {
    JsonNode before = JSON.readTree(fixture());

    JsonNode after = JSON.readTree(added(fixture()));

    assertThat(after.path("mcpServers").path("claude-memory")).isEqualTo(ENTRY.json(false));
    ((ObjectNode) after.path("mcpServers")).remove("claude-memory");
    assertThat(after).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\n  \"mcpServers\": {\n    \"a\": {\"command\": \"x\"}\n  }\n}\n",
        "{\n\t\"mcpServers\": {\n\t\t\"a\": {\"command\": \"x\"},\n\t\t\"b\": {}\n\t}\n}",
        "{\r\n  \"x\": 1,\r\n  \"mcpServers\": {\r\n    \"a\": {}\r\n  }\r\n}\r\n",
        "{\"mcpServers\":{\"a\":{\"command\":\"x\"}}}",
        "{ \"mcpServers\": { \"a\": {}, \"b\": [] }, \"z\": null }",
        "{\n  \"mcpServers\": {},\n  \"y\": true\n}\n",
        "{\"mcpServers\":{}}",
        "  {\n    \"mcpServers\" :  {\n        \"a\" : { }\n    }\n  }  \n",
      })
  void removingTheAddedServerGivesBackTheSameText(String text) {
    String withServer = added(text);

    assertThat(parse(withServer).server(ServerEntry.NAME)).contains(ENTRY.json(false));
    assertThat(parse(withServer).withoutServer(ServerEntry.NAME)).isEqualTo(text);
  }

  @Test
  void compactFilesGetACompactEntry() {
    assertThat(added("{\"mcpServers\":{\"a\":{}}}"))
        .isEqualTo(
            "{\"mcpServers\":{\"a\":{},\"claude-memory\":{\"type\":\"stdio\","
                + "\"command\":\"/opt/claude-memory/bin/claude-memory-mcp\",\"args\":[],"
                + "\"env\":{\"MEMORY_HOME\":\"/data/memory\"}}}}");
  }

  @Test
  void aFileWithoutServersGetsThemAtTheEndOfItsObject() throws IOException {
    String text = "{\n  \"numStartups\": 3,\n  \"theme\": \"dark\"\n}\n";

    String withServer = added(text);

    assertThat(withServer).startsWith("{\n  \"numStartups\": 3,\n  \"theme\": \"dark\",\n  \"mcpServers\": {\n    \"claude-memory\": {\n");
    assertThat(withServer).endsWith("\n    }\n  }\n}\n");
    assertThat(JSON.readTree(withServer).path("mcpServers").path("claude-memory")).isEqualTo(ENTRY.json(false));
  }

  @Test
  void noFileBecomesOneWithJustTheServer() throws IOException {
    String created = McpConfigText.absent().withServer(ServerEntry.NAME, ENTRY);

    assertThat(created).startsWith("{\n  \"mcpServers\": {\n    \"claude-memory\": {\n      \"type\": \"stdio\",").endsWith("}\n");
    assertThat(JSON.readTree(created).path("mcpServers").path("claude-memory")).isEqualTo(ENTRY.json(false));
  }

  @Test
  void anExistingEntryIsReplacedInPlace() throws IOException {
    String installed = added(fixture());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MEMORY_SYNC_INTERVAL", "30");
    env.put("MEMORY_API_URL", "https://memory.example.org");
    ServerEntry changed = new ServerEntry(Path.of("/elsewhere/claude-memory-mcp"), env);

    String replaced = parse(installed).withServer(ServerEntry.NAME, changed);

    assertThat(parse(replaced).server(ServerEntry.NAME)).contains(changed.json(false));
    assertThat(parse(replaced).withoutServer(ServerEntry.NAME)).isEqualTo(fixture());
  }

  @Test
  void addingTheSameEntryAgainChangesNoByte() throws IOException {
    String once = added(fixture());

    assertThat(added(once)).isEqualTo(once);
  }

  @Test
  void removingTheFirstOrAMiddleServerKeepsTheOthersIntact() {
    String text = "{\n  \"mcpServers\": {\n    \"claude-memory\": {},\n    \"a\": 1,\n    \"b\": 2\n  }\n}";
    String middle = "{\n  \"mcpServers\": {\n    \"a\": 1,\n    \"claude-memory\": {},\n    \"b\": 2\n  }\n}";
    String expected = "{\n  \"mcpServers\": {\n    \"a\": 1,\n    \"b\": 2\n  }\n}";

    assertThat(parse(text).withoutServer(ServerEntry.NAME)).isEqualTo(expected);
    assertThat(parse(middle).withoutServer(ServerEntry.NAME)).isEqualTo(expected);
  }

  @Test
  void removingAServerThatIsNotThereChangesNothing() throws IOException {
    assertThat(parse(fixture()).withoutServer(ServerEntry.NAME)).isEqualTo(fixture());
    assertThat(parse("{}").withoutServer(ServerEntry.NAME)).isEqualTo("{}");
  }

  @Test
  void serversInsideProjectsAreNotTheTopLevelServers() {
    String text = "{\"projects\": {\"/w\": {\"mcpServers\": {\"claude-memory\": {}}}}}";

    assertThat(parse(text).server(ServerEntry.NAME)).isEmpty();
    assertThat(parse(text).withoutServer(ServerEntry.NAME)).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"mcpServers\": {\"a\": 1,}}",
        "{\"token\": \"ghp_secret\" \"x\": 1}",
        "[1, 2]",
        "{} trailing",
        "{\"mcpServers\": []}",
        "{\"a\": 1, \"a\": 2}",
        "",
        "{\"mcpServers\": {"
      })
  void aMalformedFileIsRefusedWithoutQuotingIt(String text) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("the config ")
        .hasMessageEndingWith("; it was left as it is")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_secret"));
  }

  @Test
  void aMalformedFileIsRefusedNamingTheLine() {
    assertThatThrownBy(() -> parse("{\n  \"a\": 1,\n  \"b\": ,\n}"))
        .hasMessageContaining("is not valid JSON (line 3, column");
  }
}
