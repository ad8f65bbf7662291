package dev.claudememory.cli;

import static dev.claudememory.cli.JsonlFormatTest.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.claudememory.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

final class ImportFormatTest {
  @Test
  void theFirstLineTellsTheFormat() {
    assertThat(ImportFormat.detect(file("", "  [", "]"))).contains(ImportFormat.API);
    assertThat(ImportFormat.detect(file("{\"type\":\"entity\",\"name\":\"a\"}"))).contains(ImportFormat.MCP_GRAPH);
    assertThat(ImportFormat.detect(file("{\"format\":\"claude-memory-export\",\"version\":1}"))).contains(ImportFormat.JSONL);
    assertThat(ImportFormat.detect(file("{\"content\":\"headerless\"}"))).contains(ImportFormat.JSONL);
    assertThat(ImportFormat.detect(file("{\"name\":\"neither\"}"))).isEmpty();
    assertThat(ImportFormat.detect(file("# a markdown export"))).isEmpty();
    assertThat(ImportFormat.detect(file("", "  "))).isEmpty();
  }

  @Test
  void formatsAreGivenByTheirOptionNames() throws Exception {
    ImportFormat.Converter converter = new ImportFormat.Converter();

    assertThat(converter.convert("mcp-graph")).isEqualTo(ImportFormat.MCP_GRAPH);
    assertThat(converter.convert("auto")).isEqualTo(ImportFormat.AUTO);
    assertThatThrownBy(() -> converter.convert("MCP_GRAPH"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("use auto, jsonl, mcp-graph or api");
  }

  @Test
  void linesAreNumberedAsAnEditorShowsThemWithoutTheirLineBreaks() {
    ImportFile file = ImportFile.of("\uFEFFfirst\r\n\nthird\n".getBytes(StandardCharsets.UTF_8));

    assertThat(file.lines())
        .containsExactly(new ImportFile.Line(1, "first"), new ImportFile.Line(2, ""), new ImportFile.Line(3, "third"));
  }

  @Test
  void textThatIsNotUtf8IsRefusedNamingItsLine() {
    byte[] latin1 = "ok\nstill ok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> ImportFile.of(latin1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("line 3: not UTF-8 text; save the file as UTF-8");
  }
}
