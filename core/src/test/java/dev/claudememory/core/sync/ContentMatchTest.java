package dev.claudememory.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

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
}
