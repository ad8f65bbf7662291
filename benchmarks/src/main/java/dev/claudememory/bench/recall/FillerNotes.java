package dev.claudememory.bench.recall;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the filler of the evaluation set from a seed: notes about the services of {@link
 * FillerWorld}, written from {@link FillerTemplates}, dated over the world's span. The same world
 * and templates give the same notes on every machine; the output is committed as {@code
 * recall-eval/memories/generated.jsonl} and a test checks it still matches.
 *
 * <p>Each template gives at most its {@code repeat} notes per service, so two notes never state the
 * same kind of fact about one service differently. Not thread-safe.
 */
public final class FillerNotes {
  static final String GENERATED_FILE = "memories/generated.jsonl";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)\\}");
  private static final Pattern INCIDENT = Pattern.compile("INC-(\\d+)");
  private static final List<String> WEEKDAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday");
  private static final List<String> MEMORY_LIMITS = List.of("256Mi", "512Mi", "768Mi", "1Gi", "2Gi");
  private static final List<Integer> TIMEOUTS = List.of(250, 500, 800, 1000, 2000, 3000);
  private static final Set<String> NOT_KEYWORDS = Set.of("a", "an", "the", "of");
  private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
  private static final int RENDER_ATTEMPTS = 5;
  private static final Map<String, String> SHAPES = Map.of(
      "api", "a small stateless API",
      "worker", "a queue consumer",
      "job", "a scheduled batch job",
      "component", "a component");

  private final FillerWorld world;
  private final FillerTemplates templates;
  private final Random random;
  private final Set<Integer> takenIncidents;

  private FillerNotes(FillerWorld world, FillerTemplates templates, Set<Integer> takenIncidents) {
    this.world = world;
    this.templates = templates;
    this.random = new Random(world.seed());
    this.takenIncidents = new HashSet<>(takenIncidents);
  }

  /** Writes the generated notes to the file given, one JSON line each. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: FillerNotes OUTPUT_FILE (benchmarks/src/main/resources/recall-eval/" + GENERATED_FILE + ")");
      System.exit(2);
      return;
    }
    List<EvalMemory> notes = generate(FillerWorld.shipped(), FillerTemplates.shipped(), incidentNumbers(handWritten()));
    Files.writeString(Path.of(args[0]), lines(notes), StandardCharsets.UTF_8);
    System.err.println("wrote " + notes.size() + " notes to " + args[0]);
  }

  /**
   * The world's notes, oldest first, keyed {@code gen-0001} on.
   *
   * @param takenIncidents incident numbers the hand-written notes use, never given to a generated one
   */
  static List<EvalMemory> generate(FillerWorld world, FillerTemplates templates, Set<Integer> takenIncidents) {
    return new FillerNotes(world, templates, takenIncidents).notes();
  }

  /** The notes as the committed file holds them. */
  static String lines(List<EvalMemory> notes) {
    StringBuilder text = new StringBuilder();
    notes.forEach(note -> text.append(EvalSetFormat.line(note)).append('\n'));
    return text.toString();
  }

  /** The hand-written memories: every memory file of the set but the generated one. */
  static List<EvalMemory> handWritten() {
    List<EvalMemory> memories = new ArrayList<>();
    for (String file : EvalSet.lines(EvalSet.FILE_LIST)) {
      if (file.startsWith("memories/") && !file.equals(GENERATED_FILE)) {
        memories.addAll(EvalSet.read(file, EvalSetFormat::memory));
      }
    }
    return memories;
  }

  static Set<Integer> incidentNumbers(List<EvalMemory> memories) {
    Set<Integer> numbers = new HashSet<>();
    for (EvalMemory memory : memories) {
      Matcher matcher = INCIDENT.matcher(memory.content());
      while (matcher.find()) {
        numbers.add(Integer.parseInt(matcher.group(1)));
      }
    }
    return numbers;
  }

  private record Owned(FillerWorld.Project project, FillerWorld.Service service, ServiceFacts facts) {}

  /** Facts fixed per service, so every note about it agrees. */
  private record ServiceFacts(String owner, int replicas, String memoryLimit, int timeoutMillis, String dailyAt) {}

  private record Slot(Owned owned, FillerTemplates.Template template) {}

  private List<EvalMemory> notes() {
    List<Slot> slots = new ArrayList<>();
    for (FillerWorld.Project project : world.projects()) {
      for (int i = 0; i < project.services().size(); i++) {
        FillerWorld.Service service = project.services().get(i);
        ServiceFacts facts = new ServiceFacts(
            project.people().get(i % project.people().size()),
            2 + random.nextInt(5),
            pick(MEMORY_LIMITS),
            pick(TIMEOUTS),
            String.format(Locale.ROOT, "%02d:%02d", random.nextInt(7), 15 * random.nextInt(4)));
        Owned owned = new Owned(project, service, facts);
        for (FillerTemplates.Template template : templates.templates()) {
          if (template.fits(service)) {
            for (int r = 0; r < template.repeat(); r++) {
              slots.add(new Slot(owned, template));
            }
          }
        }
      }
    }
    Collections.shuffle(slots, random);
    List<Dated> notes = new ArrayList<>();
    Set<String> contents = new HashSet<>();
    long spanMinutes = Duration.between(world.from(), world.to()).toMinutes();
    for (Slot slot : slots) {
      if (notes.size() == world.count()) {
        break;
      }
      Instant createdAt = world.from().plus((long) (random.nextDouble() * spanMinutes), ChronoUnit.MINUTES);
      for (int attempt = 0; attempt < RENDER_ATTEMPTS; attempt++) {
        Dated note = render(slot, createdAt);
        if (contents.add(EvalSet.sameContent(note.content()))) {
          notes.add(note);
          break;
        }
      }
    }
    if (notes.size() < world.count()) {
      throw new IllegalStateException("the world gives only " + notes.size() + " distinct notes, not " + world.count());
    }
    notes.sort(Comparator.comparing(Dated::createdAt));
    List<EvalMemory> memories = new ArrayList<>(notes.size());
    for (int i = 0; i < notes.size(); i++) {
      memories.add(notes.get(i).toMemory(String.format(Locale.ROOT, "gen-%04d", i + 1)));
    }
    return memories;
  }

  private record Dated(Slot slot, Instant createdAt, String content, String keywords, double importance) {
    EvalMemory toMemory(String key) {
      Owned owned = slot.owned();
      return new EvalMemory(
          key,
          owned.project().id(),
          slot.template().category(),
          createdAt,
          importance,
          owned.project().id() + "," + owned.service().name() + "," + slot.template().topic(),
          keywords,
          content);
    }
  }

  private Dated render(Slot slot, Instant createdAt) {
    NoteChoices choices = new NoteChoices(slot.owned(), createdAt);
    String content = fill(slot.template().text(), choices);
    Set<String> keywords = new LinkedHashSet<>();
    for (String word : fill(slot.template().keywords(), choices).split("\\s+")) {
      if (!word.isBlank() && !NOT_KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) && keywords.size() < 12) {
        keywords.add(word.toLowerCase(Locale.ROOT));
      }
    }
    for (String more : List.of(slot.owned().project().id(), slot.template().topic(), slot.template().category())) {
      if (keywords.size() < 5) {
        keywords.add(more);
      }
    }
    double importance = Math.round(Math.min(0.9, Math.max(0.1, slot.template().importance() + 0.1 * (random.nextInt(3) - 1))) * 10) / 10.0;
    return new Dated(slot, createdAt, content, String.join(" ", keywords), importance);
  }

  /** The choices one note makes once, so that a placeholder used twice says the same thing. */
  private final class NoteChoices {
    private final Owned owned;
    private final Instant createdAt;
    private String otherService;
    private String person;
    private String environment;
    private String weekday;
    private Integer hour;
    private Integer incident;

    NoteChoices(Owned owned, Instant createdAt) {
      this.owned = owned;
      this.createdAt = createdAt;
    }

    String value(String name) {
      FillerWorld.Project project = owned.project();
      FillerWorld.Service service = owned.service();
      ServiceFacts facts = owned.facts();
      if (name.startsWith("n:")) {
        String[] range = name.substring(2).split("-");
        int low = Integer.parseInt(range[0]);
        return String.valueOf(low + random.nextInt(Integer.parseInt(range[1]) - low + 1));
      }
      if (name.startsWith("pick:")) {
        return pick(List.of(name.substring(5).split(";")));
      }
      if (name.startsWith("@")) {
        List<String> phrases = templates.phrases().get(name.substring(1));
        if (phrases == null || phrases.isEmpty()) {
          throw new IllegalArgumentException("no phrase list " + name);
        }
        return pick(phrases);
      }
      switch (name) {
        case "svc":
        case "svc.name":
          return service.name();
        case "svc.purpose":
          return service.purpose();
        case "svc.lang":
          return service.lang();
        case "svc.store":
          return service.store();
        case "svc.event":
          return service.event();
        case "svc.shape":
          return SHAPES.get(service.kind());
        case "svc.port":
          return String.valueOf(service.port().orElseThrow(() -> new IllegalArgumentException(service.name() + " has no port")));
        case "svc.owner":
          return facts.owner();
        case "svc.owner_first":
          return facts.owner().split(" ")[0];
        case "svc.replicas":
          return String.valueOf(facts.replicas());
        case "svc.mem":
          return facts.memoryLimit();
        case "svc.timeout":
          return String.valueOf(facts.timeoutMillis());
        case "svc.hour":
          return facts.dailyAt();
        case "svc.repo":
          return service.name().startsWith(project.id()) ? service.name() : project.id() + "-" + service.name();
        case "svc.env_prefix":
          return service.name().toUpperCase(Locale.ROOT).replace('-', '_');
        case "svc2":
          if (otherService == null) {
            List<FillerWorld.Service> others = new ArrayList<>(project.services());
            others.remove(service);
            otherService = pick(others).name();
          }
          return otherService;
        case "person":
          if (person == null) {
            List<String> others = new ArrayList<>(project.people());
            others.remove(facts.owner());
            person = pick(others);
          }
          return person;
        case "env":
          if (environment == null) {
            environment = pick(project.envs());
          }
          return environment;
        case "day":
          if (weekday == null) {
            weekday = pick(WEEKDAYS);
          }
          return weekday;
        case "hour":
          return String.format(Locale.ROOT, "%02d:00", maintenanceHour());
        case "hour2":
          return String.format(Locale.ROOT, "%02d:00", maintenanceHour() + 2);
        case "project":
          return project.name();
        case "proj":
          return project.id();
        case "channel":
          return project.channel();
        case "region":
          return project.region();
        case "month_year":
          return MONTH_YEAR.format(createdAt.minus(5 + random.nextInt(16), ChronoUnit.DAYS).atZone(ZoneOffset.UTC));
        case "year":
          return String.valueOf(createdAt.atZone(ZoneOffset.UTC).getYear());
        case "incident":
          return "INC-" + incidentNumber();
        default:
          throw new IllegalArgumentException("unknown placeholder {" + name + "}");
      }
    }

    private int maintenanceHour() {
      if (hour == null) {
        hour = 1 + random.nextInt(4);
      }
      return hour;
    }

    /** Numbers grow with the date, as a real incident tracker's do, and are never reused. */
    private int incidentNumber() {
      if (incident == null) {
        long days = ChronoUnit.DAYS.between(world.from(), createdAt);
        int number = (int) (1000 + 2 * days) + random.nextInt(2);
        while (takenIncidents.contains(number)) {
          number++;
        }
        takenIncidents.add(number);
        incident = number;
      }
      return incident;
    }
  }

  private String fill(String template, NoteChoices choices) {
    String text = template
        .replace("{restart}", choices.owned.project().restart())
        .replace("{rollback}", choices.owned.project().rollback());
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(filled, Matcher.quoteReplacement(choices.value(matcher.group(1))));
    }
    matcher.appendTail(filled);
    return filled.toString();
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
