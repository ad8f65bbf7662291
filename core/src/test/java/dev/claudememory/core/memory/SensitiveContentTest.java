package dev.claudememory.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class SensitiveContentTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password=hunter2",
        "staging password: hunter2",
        "DB_PASSWORD=hunter2",
        "MYSQL_ROOT_PASSWORD = s3cret",
        "{\"password\": \"hunter2\"}",
        "passwd: letmein",
        "dbPassword: correct-horse",
        "the admin password is Tr0ub4dor3",
        "api key: AbCdEf123456",
        "API_KEY=abc",
        "OPENAI_API_KEY=whatever",
        "apiKey: 'k-123'",
        "x-api-key: 9f8e7d6c5b4a",
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "client_secret=abcdef",
        "refresh_token: 1//0gAbCdEf",
        "GITHUB_TOKEN=ghp_abc",
        "token=abc123def456",
        "secret: s3cr3tValue",
        "pwd=Passw0rd1",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA",
        "-----BEGIN OPENSSH PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----",
        "-----BEGIN PGP PRIVATE KEY BLOCK-----",
        "connect with postgres://u:p@host/db",
        "postgresql://admin:hunter2@db.internal:5432/app",
        "mongodb+srv://app:pw@cluster0.example.net",
        "redis://:hunter2@cache:6379/0",
        "AWS key AKIAIOSFODNN7EXAMPLE in the vault",
        "temporary ASIAIOSFODNN7EXAMPLE",
        "ghp_0123456789abcdefghijABCDEFGHIJ012345",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
        "OpenAI: sk-proj-abcdefghijklmnopqrstuvwxyz012345",
        "sk-ant-api03-abcdefghijklmnopqrstuvwx",
        "slack xoxb-1234567890-0987654321-AbCdEfGh",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "Authorization: Bearer abcdef0123456789abcdef",
        "curl -H 'authorization: bearer 0123456789abcdefABCDEF'",
        // a name that is also said of things that are not secrets: a value that looks like one
        "SESSION_SECRET=marmalade",
        "signing_key = \"correct-horse\"",
        "encryption key: 6f1c9e0a2b7d",
        "deployToken: Zk3vQ9xLp2",
        "the webhook secret is whsec-test-77aa"
      })
  void credentialsAreRecognised(String content) {
    assertThat(SensitiveContent.looksLikeCredential(content)).as(content).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "the token bucket refills hourly",
        "password reset flow uses email",
        "Password reset emails expire after 24 hours",
        "API key rotation happens monthly",
        "The API key is rotated monthly",
        "Tests pass: 120/120",
        "all tests pass",
        "Token: see the auth docs",
        "tokens are counted per request",
        "max_tokens = 4096",
        "max_token=4096",
        "token = null when logged out",
        "set pass=true to skip",
        "maxTokens: 8192",
        "bearer tokens expire after one hour",
        "secret management uses Vault",
        "the token is valid for an hour",
        "Set password_min_length to 12",
        "pwd prints the working directory",
        "run pwd first",
        "compass: north",
        "connect to postgres://localhost:5432/app",
        "docs at https://example.com/a:b",
        "email dev@example.com about it",
        "the ghp_ prefix marks GitHub tokens",
        "skip the sk-learn install",
        "a private key is needed for signing",
        "use SSH keys, never passwords",
        "if token == null return early",
        "credentials live in 1Password",
        // near misses of the token formats: hashes, ids, prefixes named, words holding a clue
        "commit 3f9a2b7c1d0e4f5a6b7c8d9e0f1a2b3c4d5e6f7a fixed the flaky test",
        "trace 4bf92f3577b34da6a3ce929d0e0e4736 shows the slow query",
        "request 123e4567-e89b-12d3-a456-426614174000 timed out after 30 s",
        "pin the image to sha256:9b2a8f6c0d1e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a",
        "integrity sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==",
        "clone git@github.com:kestrel/billing.git and ssh://git@github.com/kestrel/ledger.git",
        "the wiki is at https://ops@wiki.example.com/runbooks",
        "the Kestrel passport service and the bypass flag",
        "keyboard shortcuts are listed under Help; the sort key: created_at",
        "primary key: id, foreign key=user_id",
        "the tokenizer: whitespace, then lower case; ask the secretary",
        "task-runner-for-the-nightly-builds-and-reports is slow; risk: low; desk booking opens Monday",
        "decision: ship it; the path: src/main/java/dev/claudememory",
        "the hf_transfer flag speeds downloads; npm_config_cache points to ~/.npm",
        "the AIza prefix marks Google API keys and sk_live_ marks Stripe live keys",
        "xoxb- tokens are for bots; glpat- tokens for GitLab",
        "webhooks go to https://hooks.slack.com/services/ as the docs say",
        "the Twilio token rotates monthly; the datadog key rotation is quarterly",
        "basic auth is disabled; Authorization: Basic realm=\"kestrel\"",
        "use --password-stdin with docker login, or --password $DB_PASSWORD in CI",
        "the server listens on http://[::1]:8080/ and amqp://rabbit:5672",
        "dev.claudememory.core.memory.SensitiveContent recognises them",
        "notification-worker-dead-letter-queue-consumer-group restarted twice",
        "mailto:dev@example.com for questions",
        // names of keys, secrets and tokens that are not themselves secrets, with what is said of them
        "* signing-key: Updated. * control: Bump policy to 4.5.0",
        "It omitted the parameters when they matched the signing key: the verifying software used the CA's",
        "Encryption key: managed by KMS, rotated yearly",
        "master key: see the runbook before restoring",
        "Session token: stored in an HttpOnly cookie",
        "deploy token: ask the platform team",
        "webhook secret: rotated with every release",
        "JWT secret: kept in Vault, never in the repository",
        "the app key: generated on first deploy"
      })
  void ordinaryDeveloperSentencesAreNotCredentials(String content) {
    assertThat(SensitiveContent.looksLikeCredential(content)).as(content).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DB_PASSWORD=x", "PWD=x", "API_KEY=x", "AUTH_TOKEN=x", "CLIENT_SECRET=x", "Credentials=x",
        "postgres://u:p@h", "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "GITHUB_PAT_x", "sk-x", "XOXB-x",
        "eyJx", "Bearer x", "-----BEGIN RSA PRIVATE KEY-----"
      })
  void everyKindOfCredentialKeepsAClueInAnyCase(String content) {
    assertThat(SensitiveContent.mayHoldCredential(content)).as(content).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Kestrel deploys are frozen on Fridays", "the cache is warmed at six", ""})
  void textWithoutAnyClueIsNotScanned(String content) {
    assertThat(SensitiveContent.mayHoldCredential(content)).isFalse();
    assertThat(SensitiveContent.looksLikeCredential(content)).isFalse();
  }
}
