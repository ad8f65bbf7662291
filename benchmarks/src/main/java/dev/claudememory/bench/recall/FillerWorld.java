package dev.claudememory.bench.recall;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the generated notes talk about ({@code recall-eval/filler/world.json}): per project, the
 * services no hand-written note or question is about, the people who own them, and how the project
 * restarts and rolls back. Keeping the generated notes to these services keeps them from answering
 * a question of the set while they share its vocabulary.
 */
record FillerWorld(long seed, int count, Instant from, Instant to, List<Project> projects) {
  static final String RESOURCE = EvalSet.FOLDER + "filler/world.json";

  FillerWorld {
    projects = List.copyOf(projects);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must come before 'to'");
    }
  }

  record Project(
      String id,
      String name,
      String channel,
      String region,
      List<String> envs,
      String restart,
      String rollback,
      List<String> people,
      List<Service> services) {
    Project {
      requireNonNull(id, "id");
      envs = List.copyOf(envs);
      people = List.copyOf(people);
      services = List.copyOf(services);
      if (people.size() < 2 || services.size() < 2) {
        throw new IllegalArgumentException(id + " needs at least two people and two services");
      }
    }
  }

  /** @param kind {@code api}, {@code worker}, {@code job} or {@code component} */
  record Service(
      String name, String kind, Optional<Integer> port, String purpose, String lang, String store, String event) {
    Service {
      requireNonNull(name, "name");
      if (!List.of("api", "worker", "job", "component").contains(kind)) {
        throw new IllegalArgumentException(name + ": unknown kind " + kind);
      }
      if (kind.equals("api") != port.isPresent()) {
        throw new IllegalArgumentException(name + ": an api has a port, nothing else does");
      }
    }

    /** Whether there is data to speak of ("nothing" stores are modules and tools). */
    boolean storesData() {
      return !store.startsWith("nothing");
    }
  }

  static FillerWorld shipped() {
    try (InputStream in = FillerWorld.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + RESOURCE + " on the class path");
      }
      return of(EvalSetFormat.JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  static FillerWorld of(JsonNode root) {
    List<Project> projects = new ArrayList<>();
    for (JsonNode project : root.path("projects")) {
      List<Service> services = new ArrayList<>();
      for (JsonNode service : project.path("services")) {
        services.add(new Service(
            text(service, "name"),
            text(service, "kind"),
            service.has("port") ? Optional.of(service.get("port").intValue()) : Optional.empty(),
            text(service, "purpose"),
            text(service, "lang"),
            text(service, "store"),
            text(service, "event")));
      }
      projects.add(new Project(
          text(project, "id"),
          text(project, "name"),
          text(project, "channel"),
          text(project, "region"),
          strings(project.path("envs")),
          text(project, "restart"),
          text(project, "rollback"),
          strings(project.path("people")),
          services));
    }
    return new FillerWorld(
        root.path("seed").asLong(),
        root.path("count").asInt(),
        Instant.parse(text(root, "from")),
        Instant.parse(text(root, "to")),
        projects);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(RESOURCE + ": '" + field + "' is missing or not a string");
    }
    return value.textValue();
  }
}
