package dev.claudememory.mcp;

import dev.claudememory.testkit.FaultProxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Everything a soak run does, drawn from its seed before it starts: each client's steps (pause,
 * tool, whose memory, which one, the text, kills), the timed events (API outages, stretches of
 * refused keys, the API losing its data) and the faults pinned on single requests. The proxies'
 * per-request draws come from the seed as well ({@link #proxySeed}), by request kind and number.
 *
 * <p>A plan does not depend on the run's length beyond where it stops: a longer run of one seed
 * starts with the shorter run's plan. What two runs of one seed can still do differently comes
 * from process timing: a kill lands before or after a call's answer, a sync cycle runs before or
 * after a step, so which memory a step's pick finds, and which requests the clients send, may
 * differ.
 *
 * <p>Immutable.
 */
final class SoakPlan {
  /** The clients, each with the database file it works on: a and b share one. */
  static final Map<String, String> FILES = fileOfEachClient();
  static final int REPEATED_TEXTS = 6;
  static final List<String> WORDS =
      List.of(
          "deploy", "cache", "index", "schema", "rollback", "latency", "queue", "tokenizer",
          "migration", "flaky", "benchmark", "gradle", "kotlin", "postgres", "replica", "sidecar",
          "feature", "flag", "review", "release", "hotfix", "tracing", "budget", "quota");
  /** One call in this many ends with a kill of the process, during the call or just before it. */
  private static final int KILL_ONE_IN = 90;
  /** Steps within which each kind of kill happens at least once. */
  private static final int KILLS_WITHIN = 120;
  private static final int SECRET_LENGTH = 12;
  /** Requests of client c pinned to each kind of proxy fault: it pulls every second. */
  private static final String PINNED_CLIENT = "c";
  private static final String PINNED_KIND = FaultProxy.requestKind("GET", "/api/memories/sync");

  enum Action { STORE, UPDATE, DELETE, RECALL }

  /** Whose memory an update or delete goes to. */
  enum Whose {
    /** One this client stored. */
    OWN,
    /** One the other client on this database file stored. */
    SAME_FILE,
    /** One on the other database file, handed over once the server and both files agree on it. */
    OTHER_FILE
  }

  enum Text {
    NOTE,
    /** One of a few texts several memories hold at once. */
    REPEATED,
    /** A note with a credential in it: the server redacts it, recall must mask it. */
    SENSITIVE
  }

  enum Kill { NONE, BETWEEN_CALLS, DURING_CALL }

  enum EventKind {
    OUTAGE,
    KEY_REFUSED,
    /** Not a fault: the moment the next {@link #RESTORE_SNAPSHOT} goes back to. */
    SNAPSHOT,
    RESTART_EMPTY,
    RESTORE_SNAPSHOT,
    OTHER_DEPLOYMENT;

    boolean losesData() {
      return this == RESTART_EMPTY || this == RESTORE_SNAPSHOT || this == OTHER_DEPLOYMENT;
    }
  }

  /**
   * One step of a client: after {@code pauseMillis}, one tool call. {@code pick} chooses among the
   * memories the step may write; the text fields make the content a store or update sends.
   */
  record Step(
      int pauseMillis, Action action, Whose whose, int pick, Text text, int repeatedText,
      String words, String keywords, String secret, Kill kill, int killDelayMillis) {}

  /**
   * A timed event, {@code atMillis} after the faults begin.
   *
   * @param durationMillis how long an outage or a stretch of refused keys lasts
   * @param seeded the memories of another deployment, for {@link EventKind#OTHER_DEPLOYMENT}
   */
  record Event(long atMillis, EventKind kind, int durationMillis, List<String> seeded) {
    Event {
      seeded = List.copyOf(seeded);
    }
  }

  /** The {@code ordinal}-th request of {@code kind} from {@code client} meets {@code fault}. */
  record Pin(String client, String kind, long ordinal, FaultProxy.Fault fault) {}

  private final long seed;
  private final boolean dataLoss;
  private final Map<String, List<Step>> steps;
  private final List<Event> events;
  private final List<Pin> pins;
  private final List<String> repeatedTexts;
  private final List<String> repeatedKeywords;

  private SoakPlan(
      long seed, boolean dataLoss, Map<String, List<Step>> steps, List<Event> events,
      List<Pin> pins, List<String> repeatedTexts, List<String> repeatedKeywords) {
    this.seed = seed;
    this.dataLoss = dataLoss;
    this.steps = steps;
    this.events = events;
    this.pins = pins;
    this.repeatedTexts = repeatedTexts;
    this.repeatedKeywords = repeatedKeywords;
  }

  /**
   * The plan of a run of {@code seed} whose faults last {@code chaos}: steps enough for every
   * client, counting pauses only, and the events within it.
   *
   * @param dataLoss whether the API loses its data among the events
   */
  static SoakPlan draw(long seed, Duration chaos, boolean dataLoss) {
    Random texts = new Random(mix(seed, 1));
    List<String> repeatedTexts = new ArrayList<>();
    List<String> repeatedKeywords = new ArrayList<>();
    for (int i = 1; i <= REPEATED_TEXTS; i++) {
      repeatedTexts.add(SoakLedger.repeated(i, words(texts)));
      repeatedKeywords.add(words(texts));
    }
    Map<String, List<Step>> steps = new LinkedHashMap<>();
    int index = 0;
    for (String client : FILES.keySet()) {
      steps.put(client, stepsOf(client, new Random(mix(seed, 100 + index++)), chaos));
    }
    return new SoakPlan(
        seed, dataLoss, Collections.unmodifiableMap(steps),
        events(new Random(mix(seed, 2)), chaos, dataLoss), pins(new Random(mix(seed, 3))),
        List.copyOf(repeatedTexts), List.copyOf(repeatedKeywords));
  }

  long seed() {
    return seed;
  }

  boolean dataLoss() {
    return dataLoss;
  }

  List<Step> steps(String client) {
    return steps.get(client);
  }

  List<Event> events() {
    return events;
  }

  List<Pin> pins() {
    return pins;
  }

  String repeatedText(int index) {
    return repeatedTexts.get(index);
  }

  String repeatedKeywords(int index) {
    return repeatedKeywords.get(index);
  }

  /** The seed of the draws of the proxy in front of {@code client}. */
  long proxySeed(String client) {
    return mix(seed, 200 + List.copyOf(FILES.keySet()).indexOf(client));
  }

  /** A short digest of the whole plan: two runs with one fingerprint followed one plan. */
  String fingerprint() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((steps + "|" + events + "|" + pins + "|" + repeatedTexts + "|" + repeatedKeywords)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static List<Step> stepsOf(String client, Random random, Duration chaos) {
    boolean sharesAFile = FILES.values().stream().filter(FILES.get(client)::equals).count() > 1;
    List<Step> steps = new ArrayList<>();
    long planned = 0;
    while (planned < chaos.toMillis()) {
      Step step = step(random, sharesAFile);
      steps.add(step);
      planned += step.pauseMillis();
    }
    // a short run must still kill the process both ways
    for (Kill kill : List.of(Kill.BETWEEN_CALLS, Kill.DURING_CALL)) {
      int within = Math.min(KILLS_WITHIN, steps.size());
      if (steps.subList(0, within).stream().noneMatch(step -> step.kill() == kill)) {
        int at = kill == Kill.BETWEEN_CALLS ? within / 4 : within / 2;
        steps.set(at, withKill(steps.get(at), kill));
      }
    }
    return List.copyOf(steps);
  }

  /** One step; every field is drawn every time, so one draw never shifts the ones after it. */
  private static Step step(Random random, boolean sharesAFile) {
    int pause = 10 + random.nextInt(50);
    int actionRoll = random.nextInt(100);
    Action action =
        actionRoll < 40 ? Action.STORE
            : actionRoll < 65 ? Action.UPDATE
            : actionRoll < 78 ? Action.DELETE
            : Action.RECALL;
    int whoseRoll = random.nextInt(100);
    Whose whose =
        whoseRoll < 60 ? Whose.OWN
            : whoseRoll < 80 && sharesAFile ? Whose.SAME_FILE
            : Whose.OTHER_FILE;
    int pick = random.nextInt(Integer.MAX_VALUE);
    int textRoll = random.nextInt(100);
    Text text = textRoll < 15 ? Text.REPEATED : textRoll < 27 ? Text.SENSITIVE : Text.NOTE;
    int repeatedText = random.nextInt(REPEATED_TEXTS);
    String words = words(random);
    String keywords = words(random);
    StringBuilder secret = new StringBuilder();
    for (int i = 0; i < SECRET_LENGTH; i++) {
      secret.append(Character.forDigit(random.nextInt(36), 36));
    }
    boolean kill = random.nextInt(KILL_ONE_IN) == 0;
    Kill how = random.nextBoolean() ? Kill.BETWEEN_CALLS : Kill.DURING_CALL;
    int killDelay = random.nextInt(8);
    return new Step(
        pause, action, whose, pick, text, repeatedText, words, keywords, secret.toString(),
        kill ? how : Kill.NONE, killDelay);
  }

  private static Step withKill(Step step, Kill kill) {
    return new Step(
        step.pauseMillis(), step.action(), step.whose(), step.pick(), step.text(),
        step.repeatedText(), step.words(), step.keywords(), step.secret(), kill,
        step.killDelayMillis());
  }

  /**
   * Events in rounds: each round holds every kind of fault once, in a random order, at random
   * gaps, so a 60 s run meets each kind. A restore is preceded by the snapshot it goes back to,
   * taken after the round's earlier events.
   */
  private static List<Event> events(Random random, Duration chaos, boolean dataLoss) {
    List<Event> events = new ArrayList<>();
    long end = chaos.toMillis();
    long at = 0;
    int deployment = 1;
    while (true) {
      List<EventKind> round = new ArrayList<>(List.of(EventKind.OUTAGE, EventKind.KEY_REFUSED));
      if (dataLoss) {
        round.addAll(
            List.of(EventKind.RESTART_EMPTY, EventKind.RESTORE_SNAPSHOT, EventKind.OTHER_DEPLOYMENT));
      }
      Collections.shuffle(round, random);
      for (EventKind kind : round) {
        at += dataLoss ? 3_000 + random.nextInt(3_000) : 6_000 + random.nextInt(6_000);
        int duration = 1_000 + random.nextInt(3_000);
        if (kind == EventKind.RESTORE_SNAPSHOT) {
          if (at >= end) {
            return List.copyOf(events);
          }
          events.add(new Event(at, EventKind.SNAPSHOT, 0, List.of()));
          at += 3_000 + random.nextInt(3_000);
        }
        List<String> seeded = new ArrayList<>();
        if (kind == EventKind.OTHER_DEPLOYMENT) {
          deployment++;
          int count = 2 + random.nextInt(3);
          for (int i = 1; i <= count; i++) {
            seeded.add(SoakLedger.seed("d" + deployment + "s" + i, words(random)));
          }
        }
        if (at >= end) {
          return List.copyOf(events);
        }
        boolean lasts = kind == EventKind.OUTAGE || kind == EventKind.KEY_REFUSED;
        events.add(new Event(at, kind, lasts ? duration : 0, seeded));
        at += lasts ? duration : 0;
      }
    }
  }

  /** Each kind of proxy fault once, on early pulls of one client, in a random order. */
  private static List<Pin> pins(Random random) {
    List<FaultProxy.Fault> faults =
        new ArrayList<>(List.of(
            FaultProxy.Fault.RESET, FaultProxy.Fault.STATUS_500, FaultProxy.Fault.STATUS_502,
            FaultProxy.Fault.STATUS_503, FaultProxy.Fault.DROP_AFTER_COMMIT,
            FaultProxy.Fault.SLOW_ANSWER));
    Collections.shuffle(faults, random);
    List<Pin> pins = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      pins.add(new Pin(PINNED_CLIENT, PINNED_KIND, 4 + 2L * i, faults.get(i)));
    }
    return List.copyOf(pins);
  }

  static String words(Random random) {
    int count = 3 + random.nextInt(12);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size())));
    }
    return text.toString();
  }

  private static Map<String, String> fileOfEachClient() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a", "shared");
    files.put("b", "shared");
    files.put("c", "own");
    return Collections.unmodifiableMap(files);
  }

  /** SplitMix64 over the seed and a stream number: independent streams from one seed. */
  private static long mix(long seed, long stream) {
    long z = seed + stream * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
