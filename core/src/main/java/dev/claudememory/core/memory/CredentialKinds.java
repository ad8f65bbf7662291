package dev.claudememory.core.memory;

import static dev.claudememory.core.memory.CredentialKind.shaped;
import static dev.claudememory.core.memory.CredentialKind.startingWith;

import java.util.List;

/**
 * The kinds of credential {@link SensitiveContent} recognises, written from each issuer's
 * published token format. A kind either starts with a fixed text (a prefix such as {@code
 * sk_live_}, or a name such as {@code password} followed by a value) or has a shape long runs of
 * token characters can be checked against: formats with no fixed text, and those whose fixed text
 * is common in prose ({@code SK}, {@code pat}, {@code key-}), which would send most notes to the
 * patterns.
 */
final class CredentialKinds {
  /** {@code =} or {@code :} (not {@code ==} or {@code ::}), after an optional closing quote. */
  private static final String ASSIGN = "[\"']?\\s*[:=](?![:=])\\s*";

  /** "... is X", "... was: X". */
  private static final String IS = "\\s+(?:is|was)\\s*:?\\s+";

  /** An assigned value that is not a number or a placeholder such as {@code null}. */
  private static final String NOT_A_PLACEHOLDER =
      "[\"'`]?(?![0-9.]+(?:[\\s\"'`,;]|$))"
          + "(?!(?:null|none|nil|true|false|undefined)(?:[\\s\"'`,;]|$))[^\\s\"'`,;]";

  /** A value with letters and digits mixed, or a long run of token characters. */
  private static final String SECRET_LOOKING =
      "[\"'`]?(?:(?=[^\\s\"'`]*[a-z])(?=[^\\s\"'`]*[0-9])[^\\s\"'`]{6,}|[a-z0-9_+/=.-]{20,})";

  /** After a name that means a secret whatever follows: any value. */
  private static final String STRONG_VALUE = "(?:" + ASSIGN + "\\S|" + IS + SECRET_LOOKING + ")";

  /**
   * After a name that is also an ordinary word ("tests pass: 12/12", "max_token=4096"): a value
   * that is not a number or placeholder after {@code =}, or a secret-looking one.
   */
  private static final String WEAK_VALUE =
      "(?:[\"']?\\s*=(?!=)\\s*" + NOT_A_PLACEHOLDER + "|" + ASSIGN + SECRET_LOOKING + "|" + IS + SECRET_LOOKING + ")";

  /** The name ends here ({@code passwords} is not {@code password}). */
  private static final String END = "(?![a-z0-9])";

  /** The name starts here ({@code bypass} is not {@code pass}). */
  private static final String START = "(?<![a-z0-9])";

  private static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

  static final List<CredentialKind> ALL =
      List.of(
          // named values: password=..., "api_key": "...", clientSecret: ..., the admin password is X
          startingWith("password", "(?i)pass(?:word|wd|phrase)" + END + STRONG_VALUE, "pass"),
          startingWith("password option", "(?i)(?<=--)pass(?:word)?(?:=\\S|\\s+" + SECRET_LOOKING + ")", "pass"),
          startingWith("pass value", "(?i)" + START + "pass" + END + WEAK_VALUE, "pass"),
          startingWith("pwd value", "(?i)" + START + "pwd" + END + WEAK_VALUE, "pwd"),
          // names people also use for a thing they talk about ("signing key: rotated yearly") take
          // a value only after "=", or one that looks like a secret
          startingWith(
              "named key",
              "(?i)(?<=(?:api|access|private|secret[_ -]?access|secret)[_ -]?)key" + END + STRONG_VALUE,
              "key"),
          startingWith(
              "qualified key value",
              "(?i)(?<=(?:account|shared[_ -]?access|encryption|signing|master|app)[_ -]?)key" + END + WEAK_VALUE,
              "key"),
          startingWith("named secret", "(?i)(?<=client[_ -]?)secret" + END + STRONG_VALUE, "secret"),
          startingWith(
              "qualified secret value",
              "(?i)(?<=(?:app|api|consumer|webhook|signing|jwt|shared|session|cookie)[_ -]?)secret" + END + WEAK_VALUE,
              "secret"),
          startingWith("secret value", "(?i)" + START + "secret" + END + WEAK_VALUE, "secret"),
          startingWith(
              "named token", "(?i)(?<=(?:auth|access|refresh|bearer)[_ -]?)token" + END + STRONG_VALUE, "token"),
          startingWith(
              "qualified token value",
              "(?i)(?<=(?:api|session|personal[_ -]?access|deploy|registry)[_ -]?)token" + END + WEAK_VALUE,
              "token"),
          startingWith("token value", "(?i)" + START + "token" + END + WEAK_VALUE, "token"),
          startingWith("credentials value", "(?i)" + START + "credentials?" + END + WEAK_VALUE, "credential"),
          startingWith("bearer token", "(?i)" + START + "bearer\\s+[a-z0-9._~+/=-]{16,}", "bearer"),
          startingWith(
              "basic authorization",
              "(?i)(?<=authorization[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?)basic\\s+[a-z0-9+/]{8,}={0,2}",
              "basic"),
          // scheme://user:password@host and scheme://:password@host (Redis has no user)
          startingWith("URL with a password", "(?<=[A-Za-z0-9])://[^\\s:/@]*:[^\\s@/]+@\\S", "://"),
          // private keys
          startingWith("PEM private key", "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----", "-----begin"),
          startingWith("PuTTY private key", "PuTTY-User-Key-File-[0-9]+:", "putty-user-key-file-"),
          startingWith("kubeconfig client key", "client-key-data:\\s*[\"']?[A-Za-z0-9+/=]{20,}", "client-key-data"),
          startingWith("age secret key", "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", "age-secret-key-1"),
          // cloud providers
          startingWith(
              "AWS access key id",
              "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])",
              "akia", "asia", "abia", "acca"),
          startingWith("Google API key", "AIza[0-9A-Za-z_-]{35}", "aiza"),
          startingWith("Google OAuth client secret", "GOCSPX-[0-9A-Za-z_-]{24,}", "gocspx-"),
          startingWith("Google OAuth access token", "ya29\\.[0-9A-Za-z_-]{20,}", "ya29."),
          startingWith("Google OAuth refresh token", "1//0[0-9A-Za-z_-]{30,}", "1//0"),
          startingWith("Azure SAS signature", "(?<=[?&])sig=[A-Za-z0-9%+/]{20,}", "sig="),
          startingWith("Azure AD client secret", "(?<=[A-Za-z0-9_~.-]{3}[0-9])Q~[A-Za-z0-9_~.-]{31,34}", "q~"),
          startingWith("Alibaba Cloud access key id", "(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,20}(?![A-Za-z0-9])", "ltai"),
          startingWith("Tencent Cloud secret id", "(?<![A-Za-z0-9])AKID[A-Za-z0-9]{13,40}(?![A-Za-z0-9])", "akid"),
          startingWith("DigitalOcean token", "do[por]_v1_[a-f0-9]{64}", "dop_v1_", "doo_v1_", "dor_v1_"),
          startingWith("Heroku API key", "HRKU-[A-Za-z0-9_-]{40,}", "hrku-"),
          startingWith(
              "Heroku API key named",
              "(?i)heroku[_ .-]?(?:api[_ .-]?)?(?:key|token)[\\w .:=\"'-]{0,20}?(?-i:" + UUID + ")",
              "heroku"),
          startingWith("Terraform Cloud token", "(?<=[A-Za-z0-9]{14})\\.atlasv1\\.[A-Za-z0-9_=-]{60,}", ".atlasv1."),
          startingWith("HashiCorp Vault token", "hv[sbr]\\.[A-Za-z0-9_-]{24,}", "hvs.", "hvb.", "hvr."),
          startingWith("Pulumi token", "pul-[a-f0-9]{40}", "pul-"),
          startingWith("Doppler token", "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9_-]{40,}", "dp."),
          startingWith("Fly.io token", "FlyV1 fm[0-9]_[A-Za-z0-9+/=,_-]{40,}", "flyv1 "),
          startingWith("Netlify token", "nfp_[A-Za-z0-9]{36}", "nfp_"),
          startingWith("Supabase token", "sbp_[a-f0-9]{40}", "sbp_"),
          startingWith("PlanetScale token", "pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,}", "pscale_"),
          shaped("Databricks token", "(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9])"),
          startingWith("Firebase Cloud Messaging server key", "AAAA[A-Za-z0-9_-]{7}:[A-Za-z0-9_-]{100,}", "aaaa"),
          // payments
          startingWith(
              "Stripe secret key", "[sr]k_(?:live|test)_[0-9A-Za-z]{16,}", "sk_live_", "sk_test_", "rk_live_", "rk_test_"),
          startingWith("Stripe webhook secret", "whsec_[A-Za-z0-9+/=]{24,}", "whsec_"),
          startingWith("Square token", "sq0(?:atp|csp)-[0-9A-Za-z_-]{22,}", "sq0atp-", "sq0csp-"),
          startingWith("Square access token", "EAAA[0-9A-Za-z_+/=-]{60,}", "eaaa"),
          startingWith(
              "Braintree access token",
              "access_token\\$(?:production|sandbox)\\$[0-9a-z]{16}\\$[0-9a-f]{32}",
              "access_token$"),
          // chat
          startingWith("Slack token", "xox(?:e\\.xox)?[abposre]-[0-9A-Za-z-]{10,}", "xox"),
          startingWith("Slack app token", "xapp-[0-9]+-[A-Z0-9]+-[0-9]+-[a-z0-9]{32,}", "xapp-"),
          startingWith(
              "Slack webhook", "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{20,}", "hooks.slack.com/"),
          startingWith(
              "Discord webhook", "(?i)discord(?:app)?\\.com/api/webhooks/[0-9]+/[A-Za-z0-9_-]{30,}", "discord"),
          shaped(
              "Discord bot token",
              "(?<![A-Za-z0-9_-])[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])"),
          startingWith("Telegram bot token", "(?<=[0-9]{8}):AA[0-9A-Za-z_-]{33}", ":aa"),
          startingWith(
              "Microsoft Teams webhook", "webhook\\.office\\.com/webhookb2/[A-Za-z0-9@/_-]{30,}", "webhook.office.com/"),
          // version control
          startingWith(
              "GitHub token", "gh[pousr]_[A-Za-z0-9_]{20,}", "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
          startingWith("GitHub fine-grained token", "github_pat_[A-Za-z0-9_]{20,}", "github_pat_"),
          startingWith(
              "GitLab token",
              "gl(?:pat|dt|rt|ptt|cbt|ft|soat|oas|imt|agent)-[0-9A-Za-z_-]{20,}",
              "glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glsoat-", "gloas-", "glimt-", "glagent-"),
          startingWith("GitLab runner registration token", "GR1348941[0-9A-Za-z_-]{20,}", "gr1348941"),
          startingWith("Atlassian and Bitbucket token", "AT(?:BB|ATT|CTT)[A-Za-z0-9_=.-]{24,}", "atbb", "atatt", "atctt"),
          // package registries
          startingWith("npm token", "npm_[A-Za-z0-9]{36}", "npm_"),
          startingWith("PyPI token", "pypi-Ag[A-Za-z0-9_-]{50,}", "pypi-ag"),
          shaped("NuGet API key", "(?<![a-z0-9])oy2[a-z0-9]{43}(?![a-z0-9])"),
          startingWith("RubyGems API key", "rubygems_[a-f0-9]{48}", "rubygems_"),
          shaped("crates.io token", "(?<![A-Za-z0-9])cio[A-Za-z0-9]{32}(?![A-Za-z0-9])"),
          startingWith("Docker Hub token", "dckr_pat_[A-Za-z0-9_-]{20,}", "dckr_pat_"),
          // services
          startingWith("OpenAI or Anthropic key", "(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}", "sk-"),
          startingWith("Hugging Face token", "(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}", "hf_"),
          startingWith("Hugging Face organisation token", "api_org_[A-Za-z0-9]{30,}", "api_org_"),
          startingWith("SendGrid key", "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}", "sg."),
          shaped("Twilio API key", "(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])"),
          startingWith(
              "Twilio auth token named",
              "(?i)twilio[\\w .-]{0,20}?token[\\w .:=\"'-]{0,10}?(?-i:[0-9a-f]{32})",
              "twilio"),
          shaped("Mailgun key", "(?<![A-Za-z0-9])key-[0-9a-f]{32}(?![A-Za-z0-9])"),
          shaped("Mailgun key", "(?<![0-9a-zA-Z])[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}(?![0-9a-zA-Z])"),
          shaped("Mailchimp key", "(?<![0-9a-zA-Z])[0-9a-f]{32}-us[0-9]{1,2}(?![0-9a-zA-Z])"),
          startingWith("Shopify token", "shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}", "shpat_", "shpss_", "shpca_", "shppa_"),
          startingWith(
              "Datadog key named",
              "(?i)datadog[\\w .-]{0,20}?(?:key|token)[\\w .:=\"'-]{0,10}?(?-i:[0-9a-f]{32})",
              "datadog"),
          startingWith("New Relic key", "NRAK-[A-Z0-9]{27}", "nrak-"),
          startingWith("Sentry token", "sntry[su]_[A-Za-z0-9+/=_-]{40,}", "sntrys_", "sntryu_"),
          startingWith("Grafana token", "gl(?:sa|c)_[A-Za-z0-9+/=_]{32,}", "glsa_", "glc_"),
          startingWith("Postman key", "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", "pmak-"),
          startingWith("Linear key", "lin_api_[A-Za-z0-9]{40}", "lin_api_"),
          startingWith("Notion token", "(?<![A-Za-z0-9_])secret_[A-Za-z0-9]{43}(?![A-Za-z0-9])", "secret_"),
          startingWith("Notion token", "ntn_[A-Za-z0-9]{40,}", "ntn_"),
          startingWith("Mapbox secret token", "sk\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}", "sk.eyj"),
          shaped("Airtable token", "(?<![A-Za-z0-9])pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}"),
          startingWith("Dropbox token", "(?<![A-Za-z0-9])sl\\.[A-Za-z0-9_-]{100,}", "sl."),
          startingWith("JSON Web Token", "eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}", "eyj"));

  private CredentialKinds() {}
}
