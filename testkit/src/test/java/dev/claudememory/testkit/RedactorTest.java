package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.core.memory.SensitiveContent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class RedactorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "db password=hunter2 | db password=[REDACTED:password]",
        "DB_PASSWORD = 's3cret!' ok | DB_PASSWORD = '[REDACTED:password]' ok",
        "{\"api_key\": \"abc123def\"} | {\"api_key\": \"[REDACTED:api_key]\"}",
        "clientSecret: xyz | clientSecret: [REDACTED:secret]",
        "GITHUB_TOKEN=ghp_x | GITHUB_TOKEN=[REDACTED:token]",
        "token: abc123def | token: [REDACTED:token]",
        "the admin password is Tr0ub4dor3 | the admin password is [REDACTED:password]",
        "postgres://app:pa55w0rd@db:5432/x | postgres://app:[REDACTED:password]@db:5432/x",
        "redis://:hunter2@cache | redis://:[REDACTED:password]@cache",
        "key AKIAIOSFODNN7EXAMPLE here | key [REDACTED:aws_access_key] here",
        "use ghp_abcdefghijklmnopqrstuvwxyz0123 | use [REDACTED:github_token]",
        "openai sk-abcdefghijklmnopqrstuvwx | openai [REDACTED:api_key]",
        "slack xoxb-1234567890-abc | slack [REDACTED:slack_token]",
        "Authorization: Bearer abcdefghijklmnop1234 | Authorization: Bearer [REDACTED:token]",
        "jwt eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4 | jwt [REDACTED:jwt]"
      })
  void redactsTheSecretAndKeepsTheWordsAround(String original, String redacted) {
    assertThat(SensitiveContent.looksLikeCredential(original)).as("core calls it a credential")
        .isTrue();
    assertThat(Redactor.redact(original)).isEqualTo(redacted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk (cut off)"
      })
  void redactsAWholePrivateKeyBlock(String key) {
    String redacted = Redactor.redact("deploy key:\n" + key);

    assertThat(redacted).isEqualTo("deploy key:\n[REDACTED:private_key]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "db password=[REDACTED:password]",
        "postgres://app:[REDACTED:password]@db/x",
        "Authorization: Bearer [REDACTED:token]"
      })
  void redactingTwiceChangesNothing(String redacted) {
    assertThat(Redactor.redact(redacted)).isEqualTo(redacted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "the password reset flow uses email",
        "max_token=4096",
        "tests pass: 12/12",
        "token = null"
      })
  void leavesOrdinaryTextAlone(String text) {
    assertThat(Redactor.redact(text)).isEqualTo(text);
  }
}
