package dev.claudememory.bench.corpus;

import java.util.List;
import java.util.Map;

/**
 * The words of a developer's memories: the technologies, projects, people, places and failures
 * they mention, and sentence templates per category. Templates name slots in braces; {@link
 * Sentences} fills them.
 */
final class Vocabulary {
  private Vocabulary() {}

  static final List<Term> TECHNOLOGIES =
      List.of(
          Term.of("Postgres", "database sql postgresql rdbms query index"),
          Term.of("Redis", "cache keyvalue eviction ttl memory"),
          Term.of("Kafka", "queue topic consumer broker streaming partition"),
          Term.of("Kubernetes", "k8s cluster pod deployment container orchestration"),
          Term.of("Terraform", "iac infrastructure provisioning state plan"),
          Term.of("Docker", "container image build registry dockerfile"),
          Term.of("Gradle", "build jvm compile dependencies wrapper"),
          Term.of("Maven", "build jvm pom dependencies wrapper"),
          Term.of("jOOQ", "sql dsl query database jvm"),
          Term.of("Flyway", "migration schema database versioning"),
          Term.of("SQLite", "database file embedded wal fts5"),
          Term.of("OkHttp", "http client retry timeout connection"),
          Term.of("Jackson", "json serialization parsing mapper"),
          Term.of("React", "frontend ui component hooks javascript"),
          Term.of("TypeScript", "typing frontend javascript compiler tsc"),
          Term.of("Python", "scripting pip venv interpreter"),
          Term.of("Go", "golang binary goroutine module"),
          Term.of("Rust", "cargo crate borrow compiler"),
          Term.of("Java 17", "jvm jdk runtime language"),
          Term.of("Spring Boot", "framework jvm beans configuration"),
          Term.of("gRPC", "rpc protobuf streaming api"),
          Term.of("nginx", "proxy reverse loadbalancer tls"),
          Term.of("GitHub Actions", "ci workflow pipeline runner"),
          Term.of("Sentry", "errors monitoring alerts stacktrace"),
          Term.of("Prometheus", "metrics monitoring scrape alerting"),
          Term.of("Grafana", "dashboard metrics visualization panels"),
          Term.of("Elasticsearch", "search index cluster shards"),
          Term.of("S3", "storage bucket aws objects"),
          Term.of("CloudFront", "cdn cache aws edge"),
          Term.of("Lambda", "serverless aws function coldstart"),
          Term.of("OpenTelemetry", "tracing spans observability otel"),
          Term.of("Vault", "secrets credentials rotation"),
          Term.of("RabbitMQ", "queue amqp broker messaging"),
          Term.of("GraphQL", "api schema resolver query"),
          Term.of("Playwright", "e2e browser tests automation"),
          Term.of("JUnit", "tests unit assertions jvm"),
          Term.of("pnpm", "packages node workspace lockfile"),
          Term.of("Bazel", "build hermetic cache targets"),
          Term.of("Helm", "charts kubernetes values release"),
          Term.of("Argo CD", "gitops deploy sync kubernetes"));

  static final List<Term> PROJECTS =
      List.of(
          Term.of("billing-service", "billing invoices payments backend"),
          Term.of("checkout", "cart orders payments frontend"),
          Term.of("auth-gateway", "authentication login sso oauth"),
          Term.of("search-indexer", "search indexing ingestion"),
          Term.of("the mobile app", "ios android mobile release"),
          Term.of("the data pipeline", "etl batch warehouse jobs"),
          Term.of("admin-dashboard", "admin backoffice ui"),
          Term.of("notification-worker", "notifications email push worker"),
          Term.of("payments-api", "payments psp refunds api"),
          Term.of("ledger", "accounting ledger balances"),
          Term.of("feature-flags", "flags rollout toggles experiments"),
          Term.of("the analytics warehouse", "analytics warehouse reporting"),
          Term.of("claude-memory", "memory mcp sync recall"),
          Term.of("release-tooling", "release versioning changelog"),
          Term.of("the monorepo", "repo workspace modules"),
          Term.of("inventory-service", "inventory stock warehouse"),
          Term.of("the public API", "api rest endpoints clients"),
          Term.of("onboarding-flow", "signup onboarding funnel"),
          Term.of("rate-limiter", "throttling quotas limits"),
          Term.of("the design system", "components ui tokens styles"));

  static final List<Term> PEOPLE =
      List.of(
          Term.of("Alice", "team colleague"),
          Term.of("Bob", "team colleague"),
          Term.of("Priya", "team lead"),
          Term.of("Chen", "sre oncall"),
          Term.of("Marta", "product manager"),
          Term.of("Tomás", "backend colleague"),
          Term.of("Yuki", "frontend colleague"),
          Term.of("Sam", "security reviewer"),
          Term.of("Noor", "data engineer"),
          Term.of("Olu", "platform team"),
          Term.of("Ines", "qa tester"),
          Term.of("Dmitri", "dba database"));

  static final List<Term> ENVIRONMENTS =
      List.of(
          Term.of("staging", "environment preprod"),
          Term.of("production", "prod live environment"),
          Term.of("the dev cluster", "development environment"),
          Term.of("eu-west-1", "region aws europe"),
          Term.of("us-east-1", "region aws"),
          Term.of("the CI runners", "ci builds agents"),
          Term.of("local Docker Compose", "local development compose"));

  static final List<Term> ERRORS =
      List.of(
          Term.of("connection reset by peer", "network socket error"),
          Term.of("OOMKilled", "memory limit crash"),
          Term.of("deadlock detected", "locking transactions database"),
          Term.of("SQLITE_BUSY", "locking busy database"),
          Term.of("401 Unauthorized", "auth credentials http"),
          Term.of("a NullPointerException in OrderMapper", "npe bug crash"),
          Term.of("504 Gateway Timeout", "timeout proxy http"),
          Term.of("too many open files", "ulimit descriptors"),
          Term.of("certificate has expired", "tls ssl certificate"),
          Term.of("ClassNotFoundException", "classpath jvm packaging"),
          Term.of("a flaky test", "flaky nondeterministic tests"),
          Term.of("disk full on /var", "disk storage space"),
          Term.of("CrashLoopBackOff", "kubernetes restart crash"),
          Term.of("duplicate key value violates unique constraint", "constraint duplicate sql"));

  static final List<Term> COMMANDS =
      List.of(
          Term.of("./gradlew clean build", "build gradle"),
          Term.of("./mvnw -q verify", "build maven tests"),
          Term.of("kubectl rollout restart deploy/api", "restart kubectl"),
          Term.of("terraform plan -out=tfplan", "plan terraform"),
          Term.of("git rebase -i origin/main", "git rebase history"),
          Term.of("npm ci", "install node packages"),
          Term.of("docker compose up -d db", "compose local database"),
          Term.of("psql -c 'VACUUM ANALYZE'", "vacuum postgres maintenance"),
          Term.of("make release VERSION=x.y.z", "release make"),
          Term.of("helm upgrade --install api ./chart", "helm deploy"),
          Term.of("redis-cli --bigkeys", "redis memory keys"),
          Term.of("jcmd <pid> GC.heap_info", "jvm heap diagnostics"));

  static final List<Term> PATHS =
      List.of(
          Term.of("src/main/resources/application.yml", "config yaml"),
          Term.of("deploy/helm/values.yaml", "helm values config"),
          Term.of(".github/workflows/ci.yml", "ci workflow"),
          Term.of("docs/adr/0007-outbox.md", "adr decision record"),
          Term.of("scripts/seed.sh", "script seed data"),
          Term.of("infra/main.tf", "terraform config"),
          Term.of("CONTRIBUTING.md", "docs contributing guide"),
          Term.of("package.json", "node scripts dependencies"),
          Term.of("docker-compose.yml", "compose local services"),
          Term.of("runbooks/failover.md", "runbook failover"));

  static final List<String> DURATIONS =
      List.of("30 seconds", "five minutes", "an hour", "two days", "a week", "90 ms", "three sprints",
          "15 minutes", "half a day", "400 ms");

  static final List<String> DAYS =
      List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the first of the month",
          "every second Tuesday", "the end of each sprint");

  static final List<String> REASONS =
      List.of(
          "to keep start-up under 100 ms",
          "because the vendor bills per request",
          "so that nothing is lost when the network is down",
          "because the old approach leaked connections",
          "to make the builds reproducible",
          "since the security review asked for it",
          "because it halves the p99 latency",
          "to stay compatible with the Python version",
          "because on-call got paged for it twice",
          "so new joiners can set up in one command",
          "to avoid vendor lock-in",
          "because tests were too slow");

  /** Topic words people recall by, with the terms an assistant expands them to. */
  static final List<Term> TOPICS =
      List.of(
          Term.of("deploy", "deployment release rollout ship"),
          Term.of("timeout", "latency slow hang deadline"),
          Term.of("migration", "schema upgrade change"),
          Term.of("config", "configuration settings properties"),
          Term.of("tests", "testing ci coverage flaky"),
          Term.of("cache", "caching invalidation ttl"),
          Term.of("auth", "authentication login permissions"),
          Term.of("logging", "logs observability stderr"),
          Term.of("performance", "speed latency throughput profiling"),
          Term.of("incident", "outage postmortem oncall"),
          Term.of("review", "code review approval pull"),
          Term.of("dependencies", "versions upgrade library"),
          Term.of("backup", "restore snapshot recovery"),
          Term.of("security", "vulnerability cve secrets"));

  /** Weights of the categories, as a developer's memories spread over them. */
  static final Map<String, Integer> CATEGORY_WEIGHTS =
      Map.ofEntries(
          Map.entry("facts", 14),
          Map.entry("decisions", 12),
          Map.entry("gotchas", 12),
          Map.entry("preferences", 8),
          Map.entry("projects", 8),
          Map.entry("infrastructure", 8),
          Map.entry("runbook", 7),
          Map.entry("lessons", 6),
          Map.entry("architecture", 6),
          Map.entry("references", 4),
          Map.entry("operations", 3),
          Map.entry("incidents", 3),
          Map.entry("people", 3),
          Map.entry("process", 3),
          Map.entry("feedback", 1),
          Map.entry("post-mortems", 1),
          Map.entry("sessions", 1));

  /** The importance an assistant tends to give each category. */
  static final Map<String, Double> CATEGORY_IMPORTANCE =
      Map.ofEntries(
          Map.entry("facts", 0.5),
          Map.entry("decisions", 0.7),
          Map.entry("gotchas", 0.7),
          Map.entry("preferences", 0.6),
          Map.entry("projects", 0.5),
          Map.entry("infrastructure", 0.6),
          Map.entry("runbook", 0.7),
          Map.entry("lessons", 0.6),
          Map.entry("architecture", 0.7),
          Map.entry("references", 0.4),
          Map.entry("operations", 0.5),
          Map.entry("incidents", 0.8),
          Map.entry("people", 0.4),
          Map.entry("process", 0.5),
          Map.entry("feedback", 0.6),
          Map.entry("post-mortems", 0.8),
          Map.entry("sessions", 0.3));

  /** Words an assistant adds to the expanded keywords of any memory of the category. */
  static final Map<String, String> CATEGORY_KEYWORDS =
      Map.ofEntries(
          Map.entry("facts", "fact info note"),
          Map.entry("decisions", "decision choice rationale tradeoff adr"),
          Map.entry("gotchas", "gotcha pitfall workaround caveat bug"),
          Map.entry("preferences", "preference style convention habit"),
          Map.entry("projects", "project codebase repository"),
          Map.entry("infrastructure", "infra servers hosting network"),
          Map.entry("runbook", "runbook steps procedure howto"),
          Map.entry("lessons", "lesson learned retrospective"),
          Map.entry("architecture", "architecture design components boundaries"),
          Map.entry("references", "reference link docs documentation"),
          Map.entry("operations", "ops maintenance operations"),
          Map.entry("incidents", "incident outage alert pager"),
          Map.entry("people", "person owner contact"),
          Map.entry("process", "process workflow team agreement"),
          Map.entry("feedback", "feedback review opinion"),
          Map.entry("post-mortems", "postmortem rootcause timeline"),
          Map.entry("sessions", "session summary today"));

  /** The first sentence of a memory, per category. */
  static final Map<String, List<String>> OPENINGS =
      Map.ofEntries(
          Map.entry("facts", List.of(
              "{project} runs on {tech} in {env}.",
              "The {tech} version pinned for {project} is {number}.{number}.",
              "{project} keeps its settings in {path}.",
              "{person} owns {project} and reviews every change to {path}.",
              "{project} talks to {tech} through a pool of {number} connections.")),
          Map.entry("decisions", List.of(
              "We chose {tech} over {tech} for {project} {reason}.",
              "Decided to move {project} from {tech} to {tech} {reason}.",
              "{project} stores every write locally first and syncs later {reason}.",
              "We keep one writer thread per {tech} file {reason}.",
              "The team agreed with {person} to drop {tech} from {project} {reason}.")),
          Map.entry("gotchas", List.of(
              "{tech} fails with {error} when {project} starts before the database in {env}.",
              "Running {command} on {env} silently skips the migrations.",
              "{error} in {project} means the {tech} client timed out, not the server.",
              "{tech} caches the old config until {command} is run again.",
              "The {path} file is ignored by {tech} unless the profile is set explicitly.")),
          Map.entry("preferences", List.of(
              "The user prefers {tech} for scripts and wants short commit messages.",
              "Always run {command} before pushing to {project}.",
              "{person} likes reviews small: under {number} lines per pull request.",
              "Prefer records and final classes in {project}; no Lombok.",
              "Use {tech} for new services unless {person} says otherwise.")),
          Map.entry("projects", List.of(
              "{project} is the {tech} service that handles everything after checkout.",
              "{project} is moving to {tech} this quarter; {person} leads it.",
              "{project} has {number} modules and builds with {tech}.",
              "The roadmap for {project} puts the {tech} upgrade before the API freeze.")),
          Map.entry("infrastructure", List.of(
              "{env} runs {number} replicas of {project} behind {tech}.",
              "The {tech} cluster in {env} is managed with Terraform in {path}.",
              "Backups of {tech} in {env} run nightly and are kept for {number} days.",
              "{project} in {env} reaches {tech} over a private link.")),
          Map.entry("runbook", List.of(
              "To restart {project} in {env}: run {command}, then watch {tech} for {duration}.",
              "When {error} shows up, drain the node and run {command}.",
              "Rotating the {tech} credentials: update Vault, then run {command} in {env}.",
              "Failover of {tech}: follow {path}, it takes about {duration}.")),
          Map.entry("lessons", List.of(
              "Measuring first saved {duration} on the {tech} tuning in {project}.",
              "A retry without an idempotency key duplicated orders in {project}.",
              "Feature flags made the {tech} rollout in {env} reversible in {duration}.",
              "Small pull requests to {project} got reviewed in {duration} instead of days.")),
          Map.entry("architecture", List.of(
              "{project} is hexagonal: the core sees only ports, {tech} sits in an adapter.",
              "Writes in {project} go through an outbox in the same transaction as the row.",
              "{project} reads from {tech} replicas and writes to the primary only.",
              "Every call from {project} to {tech} is bounded by a timeout of {duration}.")),
          Map.entry("references", List.of(
              "The {tech} tuning guide for {project} is linked from {path}.",
              "ADR for the {tech} choice: {path}.",
              "{person} wrote the onboarding notes for {project} in {path}.")),
          Map.entry("operations", List.of(
              "{command} is run every {day} on {env} by the on-call engineer.",
              "Disk usage of {tech} in {env} is checked on {day}.",
              "Certificates for {project} renew automatically {number} days before expiry.")),
          Map.entry("incidents", List.of(
              "{project} was down for {duration} in {env} after {error}.",
              "On {day} {tech} in {env} hit {error}; {person} rolled back.",
              "Paged at night: {error} on {project}, caused by a {tech} upgrade.")),
          Map.entry("people", List.of(
              "{person} is the go-to person for {tech} questions.",
              "{person} is on call for {project} this week.",
              "{person} prefers async updates in the {project} channel.")),
          Map.entry("process", List.of(
              "Releases of {project} are cut {day}.",
              "Every change to {path} needs a review from {person}.",
              "Hotfixes to {project} go through {command} and skip the queue.")),
          Map.entry("feedback", List.of(
              "{person} said the {tech} dashboards for {project} are too noisy.",
              "Review feedback: keep {project} tests independent of {tech}.")),
          Map.entry("post-mortems", List.of(
              "Post-mortem: {error} in {project} came from a config drift in {path}.",
              "Post-mortem for the {env} outage: {tech} ran out of connections after {duration}.")),
          Map.entry("sessions", List.of(
              "Session summary: fixed {error} in {project} and added a test.",
              "Today: upgraded {tech} in {project}, {number} tests still failing.")));

  /** Later sentences of a memory, any category. */
  static final List<String> DETAILS =
      List.of(
          "It took {duration} to find.",
          "{person} confirmed it on {day}.",
          "See {path} for the details.",
          "Run {command} to check.",
          "This only happens in {env}.",
          "The fix was to raise the limit to {number}.",
          "{tech} logs nothing useful when this happens.",
          "It came up again after the {tech} upgrade.",
          "We tried {tech} first, but it needed {duration} per run.",
          "The same applies to {project}.",
          "Ask {person} before changing it.",
          "Latency went from {number} ms to {number} ms afterwards.",
          "It was decided {reason}.",
          "The workaround is documented in {path}.",
          "Nobody noticed for {duration} because {tech} kept retrying.",
          "CI on {env} catches it now.");
}
