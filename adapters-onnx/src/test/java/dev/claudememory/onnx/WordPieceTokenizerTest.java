package dev.claudememory.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our WordPiece tokenizer gives the ids Hugging Face's own tokenizer (through DJL, offline, in
 * tests only) gives for the model's {@code tokenizer.json}: on hand-picked texts that exercise each
 * rule, and on generated ones.
 */
final class WordPieceTokenizerTest {
  private static final long SEED = 20261207L;
  private static final int MAX_TOKENS = 128;

  @TempDir static Path folder;
  private static HuggingFaceTokenizer reference;
  private static WordPieceTokenizer ours;

  @BeforeAll
  static void loadBoth() throws IOException {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("DJL_CACHE_DIR", folder.resolve("djl").toString());
    Path json = folder.resolve("tokenizer.json");
    try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
      Files.copy(in, json);
    }
    reference =
        HuggingFaceTokenizer.newInstance(
            json, Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
    JsonNode vocab = new ObjectMapper().readTree(json.toFile()).path("model").path("vocab");
    Map<String, Integer> ids = new HashMap<>();
    vocab.fields().forEachRemaining(entry -> ids.put(entry.getKey(), entry.getValue().asInt()));
    ours = new WordPieceTokenizer(ids, MAX_TOKENS);
  }

  @AfterAll
  static void closeReference() {
    reference.close();
  }

  @Test
  void handPickedTextsGetTheReferenceIds() {
    List<String> texts =
        List.of(
            "The release branch is cut every second Tuesday",
            "Kestrel's staging DB moved to port 5433 (was 5432); see RUNBOOK-12.",
            "naïve café résumé ÉCOLE Straße Ångström",
            "数据库迁移在周二进行",
            "データベースの移行は火曜日です",
            "데이터베이스 마이그레이션",
            "emoji 🚀 and ✓ checks; $HOME/.config ~/x <a href=\"#\">link</a> a+b=c ^_^ |pipe|",
            "tabs\tand\nnew\r\nlines\u000band\u000cfeeds\u0085next",
            "zero\u200bwidth\u00adsoft\u200dhyphen \u0000nul \ufffdreplacement",
            "İstanbul ΣΊΣΥΦΟΣ ŁÓDŹ ǅemal ﬁnance",
            "supercalifragilisticexpialidociouspneumonoultramicroscopicsilicovolcanoconiosisantidisestablishmentarianismfloccinaucinihilipilification",
            "",
            "   ",
            "a".repeat(500),
            "word ".repeat(300));
    for (String text : texts) {
      assertThat(ours.encode(text)).as(text).containsExactly(reference(text));
    }
  }

  @Test
  void generatedTextsGetTheReferenceIds() {
    Random random = new Random(SEED);
    List<String> pool =
        List.of("deploy", "Kubernetes", "postgres", "rollback", "don't", "e.g.", "v2.3.1", "foo_bar",
            "CamelCase", "über", "naïve", "日本", "数据库", "한국어", "🚀", "—", "…", "«", "»", "¿", "¡",
            "€", "©", "°", "\t", "\n", " ", "  ", "-", "/", "#", "@", "ñ", "ß", "Ω", "ﬀ", "½", "²");
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(40);
      for (int p = 0; p < parts; p++) {
        if (random.nextInt(6) == 0) {
          text.appendCodePoint(randomCodePoint(random));
        } else {
          text.append(pool.get(random.nextInt(pool.size())));
        }
        if (random.nextBoolean()) {
          text.append(' ');
        }
      }
      String generated = text.toString();
      assertThat(ours.encode(generated)).as("seed %d, text %d: %s", SEED, i, generated).containsExactly(reference(generated));
    }
  }

  /**
   * A code point of a block people write in, defined since long before the reference's Unicode
   * tables (which are older than the JDK's: a character encoded since, such as a newer emoji or a
   * mark of a recent script, is classed apart by the two, and such texts may get other ids).
   */
  private static int randomCodePoint(Random random) {
    int[][] blocks = {
      {0x0021, 0x007E}, {0x00A0, 0x024F}, {0x0370, 0x03FF}, {0x0400, 0x04FF}, {0x0590, 0x05FF},
      {0x0600, 0x06FF}, {0x0900, 0x097F}, {0x0E00, 0x0E7F}, {0x1100, 0x11FF}, {0x2000, 0x206F},
      {0x20A0, 0x20BF}, {0x2100, 0x214F}, {0x2190, 0x21FF}, {0x2200, 0x22FF}, {0x2500, 0x257F},
      {0x3000, 0x303F}, {0x3040, 0x309F}, {0x30A0, 0x30FF}, {0x4E00, 0x9FCC}, {0xAC00, 0xD7A3},
      {0xFF00, 0xFFEF}, {0x1F300, 0x1F5FF}, {0x1F600, 0x1F64F}
    };
    while (true) {
      int[] block = blocks[random.nextInt(blocks.length)];
      int c = block[0] + random.nextInt(block[1] - block[0] + 1);
      if (Character.isDefined(c)) {
        return c;
      }
    }
  }

  private static long[] reference(String text) {
    Encoding encoding = reference.encode(text);
    return encoding.getIds();
  }

  @Test
  void wordsSplitOnWhitespaceAndPunctuation() {
    List<String> words = new ArrayList<>(WordPieceTokenizer.words(WordPieceTokenizer.normalize("Don't STOP—now, ok?")));
    assertThat(words).containsExactly("don", "'", "t", "stop", "—", "now", ",", "ok", "?");
  }
}
