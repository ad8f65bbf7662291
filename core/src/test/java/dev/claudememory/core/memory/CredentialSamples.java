package dev.claudememory.core.memory;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Credentials of many kinds, generated from a seed in each issuer's published format (random
 * characters where the issuer's are random), each set in a sentence that names nothing secret, so
 * that only the credential itself can give it away. Shared through core's test-jar.
 */
public final class CredentialSamples {
  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";
  private static final String HEX = "0123456789abcdef";
  private static final String ALNUM = UPPER + LOWER + DIGITS;
  private static final String LOWER_ALNUM = LOWER + DIGITS;
  private static final String BASE64 = ALNUM + "+/";
  private static final String BASE64_URL = ALNUM + "-_";
  private static final String BASE32 = UPPER + "234567";
  private static final String BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

  /** Sentences a note might set a credential in; none of them names a secret. */
  private static final List<String> FRAMES =
      List.of(
          "%s",
          "Use %s for the staging deploys.",
          "Chen sent this on Friday: %s (rotate it monthly)",
          "export VALUE=%s",
          "%s\nThat one is for the billing-service in eu-west-1.",
          "The CI job reads \"%s\" from its environment.",
          "In the .env file of checkout:\n%s\nThen restart the worker.");

  /** One generated credential in its sentence. */
  public record Sample(String kind, String credential, String text) {
    @Override
    public String toString() {
      return kind + ": " + text;
    }
  }

  private final Random random;
  private final Map<String, Supplier<String>> kinds = new LinkedHashMap<>();

  public CredentialSamples(long seed) {
    this.random = new Random(seed);
    addCloudKinds();
    addPaymentKinds();
    addChatKinds();
    addVersionControlAndRegistryKinds();
    addPrivateKeysAndConnectionStrings();
    addServiceKinds();
  }

  /** The names of the kinds generated, in a fixed order. */
  public List<String> kinds() {
    return List.copyOf(kinds.keySet());
  }

  /** {@code perKind} samples of every kind, each in a sentence picked at random. */
  public List<Sample> samples(int perKind) {
    List<Sample> samples = new ArrayList<>();
    kinds.forEach(
        (kind, generator) -> {
          for (int i = 0; i < perKind; i++) {
            String credential = generator.get();
            samples.add(new Sample(kind, credential, String.format(pick(FRAMES), credential)));
          }
        });
    return samples;
  }

  /** One credential of a kind picked at random. */
  public Sample anyOne() {
    List<String> names = kinds();
    String kind = names.get(random.nextInt(names.size()));
    String credential = kinds.get(kind).get();
    return new Sample(kind, credential, credential);
  }

  private void addCloudKinds() {
    kinds.put("AWS access key id", () -> "AKIA" + chars(BASE32, 16));
    kinds.put("AWS temporary access key id", () -> "ASIA" + chars(BASE32, 16));
    kinds.put(
        "AWS secret access key",
        () -> pick(List.of("aws_secret_access_key = ", "AWS_SECRET_ACCESS_KEY=", "aws secret access key: ", "\"SecretAccessKey\": \""))
            + chars(BASE64, 40));
    kinds.put("Google API key", () -> "AIza" + chars(BASE64_URL, 35));
    kinds.put(
        "GCP service account key",
        () -> "{\"type\": \"service_account\", \"project_id\": \"kestrel-" + chars(DIGITS, 6) + "\", \"private_key_id\": \""
            + chars(HEX, 40) + "\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEv" + chars(BASE64, 60)
            + "\\n-----END PRIVATE KEY-----\\n\"}");
    kinds.put("Google OAuth client secret", () -> "GOCSPX-" + chars(BASE64_URL, 28));
    kinds.put("Google OAuth access token", () -> "ya29." + chars(BASE64_URL, 60 + random.nextInt(100)));
    kinds.put(
        "Azure storage connection string",
        () -> "DefaultEndpointsProtocol=https;AccountName=" + chars(LOWER_ALNUM, 12) + ";AccountKey=" + chars(BASE64, 86)
            + "==;EndpointSuffix=core.windows.net");
    kinds.put(
        "Azure Service Bus connection string",
        () -> "Endpoint=sb://" + chars(LOWER, 8) + ".servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
            + "SharedAccessKey=" + chars(BASE64, 43) + "=");
    kinds.put(
        "Azure SAS URL",
        () -> "https://" + chars(LOWER, 10) + ".blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=o&sp=r"
            + "&se=2026-12-31T00:00:00Z&spr=https&sig=" + chars(ALNUM, 20) + "%2B" + chars(ALNUM, 20) + "%3D");
    kinds.put(
        "Azure AD client secret",
        () -> chars(ALNUM + "_~.-", 3) + chars(DIGITS, 1) + "Q~" + chars(ALNUM + "_~.-", 34));
    kinds.put("Alibaba Cloud access key id", () -> "LTAI" + chars(ALNUM, 20));
    kinds.put("DigitalOcean token", () -> pick(List.of("dop_v1_", "doo_v1_", "dor_v1_")) + chars(HEX, 64));
    kinds.put("Heroku API key", () -> "HRKU-AA" + chars(BASE64_URL, 58));
    kinds.put("HashiCorp Vault token", () -> "hvs." + chars(BASE64_URL, 24 + random.nextInt(70)));
    kinds.put("Terraform Cloud token", () -> chars(ALNUM, 14) + ".atlasv1." + chars(BASE64_URL, 67));
    kinds.put("Databricks token", () -> "dapi" + chars(HEX, 32));
  }

  private void addPaymentKinds() {
    kinds.put("Stripe live secret key", () -> "sk_live_" + chars(ALNUM, 24 + random.nextInt(76)));
    kinds.put("Stripe restricted key", () -> "rk_live_" + chars(ALNUM, 24 + random.nextInt(76)));
    kinds.put("Stripe test secret key", () -> "sk_test_" + chars(ALNUM, 24 + random.nextInt(76)));
    kinds.put("Stripe webhook secret", () -> "whsec_" + chars(ALNUM, 32));
    kinds.put("Square access token", () -> "EAAA" + chars(BASE64_URL, 60));
    kinds.put("Square OAuth secret", () -> "sq0csp-" + chars(BASE64_URL, 43));
    kinds.put(
        "Braintree access token",
        () -> "access_token$" + pick(List.of("production", "sandbox")) + "$" + chars(LOWER_ALNUM, 16) + "$" + chars(HEX, 32));
    kinds.put(
        "PayPal client secret",
        () -> pick(List.of("PAYPAL_CLIENT_SECRET=", "paypal client_secret: ")) + "E" + chars(BASE64_URL, 79));
  }

  private void addChatKinds() {
    kinds.put(
        "Slack bot token", () -> "xoxb-" + chars(DIGITS, 11) + "-" + chars(DIGITS, 13) + "-" + chars(ALNUM, 24));
    kinds.put(
        "Slack user token",
        () -> "xoxp-" + chars(DIGITS, 11) + "-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 13) + "-" + chars(HEX, 32));
    kinds.put(
        "Slack app token",
        () -> "xapp-1-A" + chars(UPPER + DIGITS, 10) + "-" + chars(DIGITS, 13) + "-" + chars(HEX, 64));
    kinds.put(
        "Slack webhook",
        () -> "https://hooks.slack.com/services/T" + chars(UPPER + DIGITS, 8) + "/B" + chars(UPPER + DIGITS, 10) + "/"
            + chars(ALNUM, 24));
    kinds.put(
        "Discord bot token",
        () -> base64Url(chars("123456789", 1) + chars(DIGITS, 17)) + "." + chars(BASE64_URL, 6) + "." + chars(BASE64_URL, 27));
    kinds.put(
        "Discord webhook",
        () -> "https://discord.com/api/webhooks/" + chars(DIGITS, 18) + "/" + chars(BASE64_URL, 68));
    kinds.put("Telegram bot token", () -> chars("123456789", 1) + chars(DIGITS, 8 + random.nextInt(2)) + ":AA" + chars(BASE64_URL, 33));
  }

  private void addVersionControlAndRegistryKinds() {
    kinds.put("GitHub classic token", () -> "ghp_" + chars(ALNUM, 36));
    kinds.put("GitHub OAuth token", () -> "gho_" + chars(ALNUM, 36));
    kinds.put("GitHub app token", () -> pick(List.of("ghu_", "ghs_")) + chars(ALNUM, 36));
    kinds.put("GitHub refresh token", () -> "ghr_" + chars(ALNUM, 36));
    kinds.put("GitHub fine-grained token", () -> "github_pat_" + chars(ALNUM, 22) + "_" + chars(ALNUM, 59));
    kinds.put("GitLab personal token", () -> "glpat-" + chars(BASE64_URL, 20));
    kinds.put("GitLab deploy token", () -> "gldt-" + chars(BASE64_URL, 20));
    kinds.put("Bitbucket app password", () -> "ATBB" + chars(ALNUM, 32));
    kinds.put("Atlassian API token", () -> "ATATT3xFfGF0" + chars(BASE64_URL, 170) + "=" + chars(HEX.toUpperCase(), 8));
    kinds.put("npm token", () -> "npm_" + chars(ALNUM, 36));
    kinds.put("PyPI token", () -> "pypi-AgEIcHlwaS5vcmc" + chars(BASE64_URL, 60 + random.nextInt(100)));
    kinds.put("NuGet API key", () -> "oy2" + chars(LOWER_ALNUM, 43));
    kinds.put("RubyGems API key", () -> "rubygems_" + chars(HEX, 48));
    kinds.put("Docker Hub token", () -> "dckr_pat_" + chars(BASE64_URL, 27));
  }

  private void addPrivateKeysAndConnectionStrings() {
    for (String type : List.of("RSA ", "EC ", "OPENSSH ", "DSA ", "", "ENCRYPTED ")) {
      kinds.put(
          "PEM " + type + "private key",
          () -> "-----BEGIN " + type + "PRIVATE KEY-----\nMII" + chars(BASE64, 64) + "\n" + chars(BASE64, 64)
              + "\n-----END " + type + "PRIVATE KEY-----");
    }
    kinds.put(
        "PGP private key",
        () -> "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF" + chars(BASE64, 64) + "\n-----END PGP PRIVATE KEY BLOCK-----");
    kinds.put(
        "PostgreSQL URL with a password",
        () -> pick(List.of("postgres", "postgresql")) + "://" + user() + ":" + password() + "@db.internal:5432/" + chars(LOWER, 6));
    kinds.put("MySQL URL with a password", () -> "mysql://" + user() + ":" + password() + "@mysql.internal:3306/app");
    kinds.put(
        "MongoDB URL with a password",
        () -> "mongodb+srv://" + user() + ":" + password() + "@cluster0." + chars(LOWER_ALNUM, 5) + ".mongodb.net/app?retryWrites=true");
    kinds.put(
        "Redis URL with a password",
        () -> pick(List.of("redis://:", "rediss://default:")) + password() + "@cache.internal:6379/0");
    kinds.put("AMQP URL with a password", () -> "amqp://" + user() + ":" + password() + "@rabbit.internal:5672/orders");
    kinds.put(
        "JDBC URL with a password",
        () -> "jdbc:postgresql://db.internal:5432/app?user=" + user() + "&password=" + password());
    kinds.put(
        "password assignment",
        () -> pick(List.of("password=", "DB_PASSWORD=", "\"password\": \"", "MYSQL_ROOT_PASSWORD = ", "the admin password is "))
            + password());
    kinds.put("bearer header", () -> "Authorization: Bearer " + chars(BASE64_URL, 40));
    kinds.put(
        "basic authorization header",
        () -> "Authorization: Basic " + Base64.getEncoder().encodeToString((user() + ":" + password()).getBytes(UTF_8)));
    kinds.put("kubeconfig client key", () -> "client-key-data: LS0tLS1CRUdJTi" + chars(BASE64, 80));
    kinds.put("age secret key", () -> "AGE-SECRET-KEY-1" + chars(BECH32, 58));
  }

  private void addServiceKinds() {
    kinds.put("JSON Web Token", () -> jwt());
    kinds.put("OpenAI key", () -> pick(List.of("sk-", "sk-proj-", "sk-svcacct-")) + chars(BASE64_URL, 48 + random.nextInt(100)));
    kinds.put("Anthropic key", () -> "sk-ant-api03-" + chars(BASE64_URL, 93) + "AA");
    kinds.put("Hugging Face token", () -> "hf_" + chars(UPPER + LOWER, 34));
    kinds.put("SendGrid key", () -> "SG." + chars(BASE64_URL, 22) + "." + chars(BASE64_URL, 43));
    kinds.put("Twilio API key", () -> "SK" + chars(HEX, 32));
    kinds.put("Twilio auth token", () -> pick(List.of("TWILIO_AUTH_TOKEN=", "twilio auth token ")) + chars(HEX, 32));
    kinds.put("Mailgun key", () -> "key-" + chars(HEX, 32));
    kinds.put("Mailchimp key", () -> chars(HEX, 32) + "-us" + (1 + random.nextInt(21)));
    kinds.put("Shopify token", () -> pick(List.of("shpat_", "shpss_", "shpca_", "shppa_")) + chars(HEX, 32));
    kinds.put(
        "Datadog key", () -> pick(List.of("DD_API_KEY=", "datadog api key: ", "DATADOG_APP_KEY=")) + chars(HEX, 32));
    kinds.put("New Relic key", () -> "NRAK-" + chars(UPPER + DIGITS, 27));
    kinds.put("Sentry token", () -> "sntrys_" + chars(BASE64_URL, 100));
    kinds.put("Grafana token", () -> "glsa_" + chars(ALNUM, 32) + "_" + chars(HEX, 8));
    kinds.put("Postman key", () -> "PMAK-" + chars(HEX, 24) + "-" + chars(HEX, 34));
    kinds.put("Linear key", () -> "lin_api_" + chars(ALNUM, 40));
    kinds.put("Pulumi token", () -> "pul-" + chars(HEX, 40));
    kinds.put("Supabase token", () -> "sbp_" + chars(HEX, 40));
  }

  private String jwt() {
    String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload = base64Url("{\"sub\":\"" + chars(DIGITS, 10) + "\",\"iat\":" + (1_700_000_000 + random.nextInt(99_999_999)) + "}");
    return header + "." + payload + "." + chars(BASE64_URL, 43);
  }

  private String user() {
    return pick(List.of("app", "admin", "svc_billing", "kestrel", "root", "deploy"));
  }

  /** A password as people pick them: letters, a digit and some punctuation, never {@code @ / :}. */
  private String password() {
    return chars(UPPER + LOWER, 1) + chars(ALNUM, 5 + random.nextInt(8)) + chars(DIGITS, 1)
        + chars(ALNUM + "!#%^*-_", 1 + random.nextInt(6));
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
  }

  private String chars(String alphabet, int count) {
    StringBuilder text = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
