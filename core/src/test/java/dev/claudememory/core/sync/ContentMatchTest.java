package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whether a server copy is a local memory's, redaction tokens standing for any text. */
final class ContentMatchTest {

  @ParameterizedTest(name = "[{index}] server ''{0}'' vs local ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "same text                                           | same text                      | true",
        "same text                                           | same text!                     | false",
        "db password=[REDACTED:password] on staging          | db password=hunter2 on staging | true",
        "db password=[REDACTED:password] on staging          | db password=hunter2 on prod    | false",
        "db password=[REDACTED:password] on staging          | cache password=x on staging    | false",
        "[REDACTED:token] starts it                          | ghp_abc123 starts it           | true",
        "ends with [REDACTED:token]                          | ends with ghp_abc123           | true",
        "ends with [REDACTED:token]                          | ends without it                | false",
        "a=[REDACTED:password] b=[REDACTED:api_key] c        | a=x1 b=y2 c                    | true",
        "a=[REDACTED:password] b=[REDACTED:api_key] c        | a=x1 c=y2 b                    | false",
        "ab[REDACTED:x]ba                                    | aba                            | false",
        "a[REDACTED:x]b                                      | ab                             | true",
        "[REDACTED:password]                                 | anything at all                | true",
        "\"[REDACTED:x] (a.*b) [REDACTED:y]\"                | \"1 (a.*b) 2\"                 | true",
        "\"[REDACTED:x] (a.*b) [REDACTED:y]\"                | \"1 (aXYb) 2\"                 | false",
        "[not redacted] text                                 | other text                     | false",
        "same [REDACTED:password] literally                  | same [REDACTED:password] literally | true",
        "key [REDACTED:token] expires                        | key abc expires soon           | false",
        "x[REDACTED:a]ab[REDACTED:b]b                        | xab                            | false"
      })
  void redactionTokensStandForAnyTextAndTheRestMustMatchInOrder(
      String server, String local, boolean same) {
    assertThat(ContentMatch.sameMemory(server, local)).isEqualTo(same);
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' redacted: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "db password=[REDACTED:password] | true",
        "[REDACTED:] empty kind          | true",
        "[REDACTED without a close       | false",
        "REDACTED:password               | false",
        "plain text                      | false"
      })
  void aRedactedCopyIsRecognizedByItsToken(String server, boolean redacted) {
    assertThat(ContentMatch.isRedacted(server)).isEqualTo(redacted);
  }

  /**
   * Against a reference: the server copy as a pattern matching the whole local text, each token
   * standing for any text. Small alphabets make pieces overlap, recur and meet at both ends.
   */
  @Test
  void aMatchIsTheWholeLocalTextReadAsTheServerCopyWithTokensForAnyText() {
    long seed = 20_261_207L;
    Random random = new Random(seed);
    Pattern token = Pattern.compile("\\[REDACTED:[^\\]]*\\]");
    for (int i = 0; i < 50_000; i++) {
      String server = text(random, new String[] {"[REDACTED:x]", "a", "b", "ab", "\n"}, 7);
      String local = text(random, new String[] {"a", "b", "ab", "\n", "[REDACTED:x]"}, 9);
      StringBuilder reference = new StringBuilder();
      String[] pieces = token.split(server, -1);
      for (int piece = 0; piece < pieces.length; piece++) {
        reference.append(piece == 0 ? "" : "(?s:.*)").append(Pattern.quote(pieces[piece]));
      }
      boolean expected =
          server.equals(local) || token.matcher(server).find() && Pattern.compile(reference.toString()).matcher(local).matches();

      assertThat(ContentMatch.sameMemory(server, local))
          .as("seed %d, case %d: server '%s' vs local '%s'", seed, i, server, local)
          .isEqualTo(expected);
    }
  }

  private static String text(Random random, String[] parts, int maxParts) {
    StringBuilder text = new StringBuilder();
    int count = random.nextInt(maxParts);
    for (int part = 0; part < count; part++) {
      text.append(parts[random.nextInt(parts.length)]);
    }
    return text.toString();
  }
}
