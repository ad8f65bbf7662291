package dev.claudememory.testkit;

import static dev.claudememory.testkit.Fields.Presence.DEFAULTED;
import static dev.claudememory.testkit.Fields.Presence.NULLABLE;
import static dev.claudememory.testkit.Fields.Presence.REQUIRED;
import static dev.claudememory.testkit.Route.Access.PUBLIC;
import static dev.claudememory.testkit.Route.Access.READ;
import static dev.claudememory.testkit.Route.Access.READ_WITH_BODY;
import static dev.claudememory.testkit.Route.Access.WRITE;
import static dev.claudememory.testkit.Route.Access.WRITE_WITH_BODY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The API's endpoints (SPEC §6) over a {@link MemoryTable}, in FastAPI's declaration order: a
 * literal path ({@code /sync}) is matched before {@code /{id}}.
 */
final class ApiEndpoints {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final int PREVIEW_CODE_POINTS = 50;
  static final int MAX_QUERY_TEXT = 100_000;
  private static final List<String> SORTS = List.of("relevance", "importance", "recency");

  private final MemoryTable table;
  private final ShareEndpoints shares;

  ApiEndpoints(MemoryTable table) {
    this.table = table;
    this.shares = new ShareEndpoints(table);
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/health", PUBLIC, (call, errors) -> () -> status()),
        Route.of("GET", "/api/auth-check", READ, (call, errors) -> this::authCheck),
        Route.of("GET", "/api/memories/sync", READ, this::sync),
        Route.of("POST", "/api/memories/recall", READ_WITH_BODY, this::recall),
        Route.of("POST", "/api/memories/import", WRITE_WITH_BODY, this::importAll),
        Route.of("POST", "/api/memories/share-tag", WRITE_WITH_BODY, shares::shareTag),
        Route.of("DELETE", "/api/memories/share-tag", WRITE_WITH_BODY, shares::unshareTag),
        Route.of("GET", "/api/memories/shared-with-me", READ, shares::sharedWithMe),
        Route.of("GET", "/api/memories/my-shares", READ, shares::myShares),
        Route.of("POST", "/api/memories", WRITE_WITH_BODY, this::create),
        Route.of("GET", "/api/memories", READ, this::list),
        Route.of("GET", "/api/memories/{}", READ, this::get),
        Route.of("PUT", "/api/memories/{}", WRITE_WITH_BODY, this::update),
        Route.of("DELETE", "/api/memories/{}", WRITE, this::delete),
        Route.of("POST", "/api/memories/{}/secret", READ, this::secret),
        Route.of("POST", "/api/memories/{}/share", WRITE_WITH_BODY, shares::share),
        Route.of("DELETE", "/api/memories/{}/share/{}", WRITE, shares::unshare));
  }

  private static Answer status() {
    return Answer.ok(NODES.objectNode().put("status", "ok"));
  }

  private Answer authCheck() {
    return Answer.ok(
        NODES.objectNode().put("status", "ok").put("user_id", FakeMemoryApiServer.USER_ID));
  }

  private Route.Action create(Call call, FieldErrors errors) {
    Optional<MemoryInput> input = MemoryBodies.store(call.body(), List.of("body"), errors);
    return () -> {
      requireStorable(input.orElseThrow());
      return Answer.ok(MemoryJson.created(table.create(input.get())));
    };
  }

  private Route.Action importAll(Call call, FieldErrors errors) {
    List<MemoryInput> inputs = new ArrayList<>();
    JsonNode body = call.body().orElse(null);
    if (body == null || body.isNull()) {
      errors.missing(List.of("body"), body);
    } else if (!body.isArray()) {
      errors.add("list_type", List.of("body"), "Input should be a valid list", body);
    } else {
      for (int i = 0; i < body.size(); i++) {
        MemoryBodies.store(Optional.of(body.get(i)), List.of("body", i), errors)
            .ifPresent(inputs::add);
      }
    }
    return () -> {
      inputs.forEach(ApiEndpoints::requireStorable);
      ArrayNode created = NODES.arrayNode();
      table.createAll(inputs).forEach(row -> created.add(MemoryJson.created(row)));
      return Answer.json(200, created);
    };
  }

  private Route.Action update(Call call, FieldErrors errors) {
    OptionalLong id = memoryId(call, errors);
    Optional<MemoryChange> change = MemoryBodies.change(call.body(), errors);
    return () -> {
      MemoryChange fields = change.orElseThrow();
      if (fields.isEmpty()) {
        throw new Refusal(Answer.detail(400, "No fields to update"));
      }
      fields.content().ifPresent(ApiEndpoints::requireStorable);
      fields.tags().ifPresent(ApiEndpoints::requireStorable);
      fields.expandedKeywords().ifPresent(ApiEndpoints::requireStorable);
      table.update(id.getAsLong(), fields).orElseThrow(ApiEndpoints::memoryNotFound);
      return Answer.ok(NODES.objectNode().put("updated", id.getAsLong()));
    };
  }

  private Route.Action get(Call call, FieldErrors errors) {
    OptionalLong id = memoryId(call, errors);
    return () ->
        Answer.ok(
            MemoryJson.full(table.live(id.getAsLong()).orElseThrow(ApiEndpoints::memoryNotFound)));
  }

  private Route.Action delete(Call call, FieldErrors errors) {
    OptionalLong id = memoryId(call, errors);
    return () -> {
      String preview =
          table
              .softDelete(id.getAsLong())
              .map(row -> Content.preview(row.content(), PREVIEW_CODE_POINTS))
              .orElse("[already deleted]");
      return Answer.ok(
          NODES.objectNode().put("deleted", id.getAsLong()).put("preview", preview));
    };
  }

  private Route.Action sync(Call call, FieldErrors errors) {
    // Python's `if since:` treats a blank value as none
    Optional<String> since =
        Optional.ofNullable(call.query().get("since")).filter(s -> !s.isEmpty());
    return () -> {
      // an unparsable since fails in the database call, unhandled: a 500
      Optional<Instant> cursor =
          since.map(
              text -> Timestamps.parse(text).orElseThrow(
                  () -> new Refusal(Answer.internalServerError())));
      MemoryTable.Changes changes = table.changes(cursor);
      ObjectNode answer = NODES.objectNode();
      ArrayNode memories = answer.putArray("memories");
      changes.rows().forEach(row -> memories.add(MemoryJson.synced(row)));
      answer.put("server_time", MemoryJson.time(changes.serverTime()));
      return Answer.ok(answer);
    };
  }

  private Route.Action recall(Call call, FieldErrors errors) {
    Optional<RecallBody> body = recallBody(call, errors);
    return () -> {
      RecallBody query = body.orElseThrow();
      List<WordSearch.Hit> hits =
          WordSearch.search(
              table.liveRows(), query.context() + " " + query.expandedQuery(),
              query.category().map(ApiEndpoints::categoryFilter), query.sortBy(), query.limit());
      ObjectNode answer = NODES.objectNode();
      ArrayNode memories = answer.putArray("memories");
      hits.forEach(hit -> memories.add(MemoryJson.recalled(hit)));
      return Answer.ok(answer);
    };
  }

  private Route.Action list(Call call, FieldErrors errors) {
    Fields query = Fields.query(call.query(), errors);
    Optional<String> category =
        query.string("category", NULLABLE, 0, MAX_QUERY_TEXT).filter(s -> !s.isEmpty());
    Optional<String> tag =
        query.string("tag", NULLABLE, 0, MAX_QUERY_TEXT).filter(s -> !s.isEmpty());
    OptionalLong limit = query.integer("limit", DEFAULTED, 1, 1_000);
    OptionalLong offset = query.integer("offset", DEFAULTED, 0, Integer.MAX_VALUE);
    return () -> {
      List<Row> matching = new ArrayList<>();
      for (Row row : table.liveRows()) {
        boolean inCategory = category.map(ApiEndpoints::categoryFilter)
            .map(row.category()::equals).orElse(true);
        boolean tagged = tag.map(t -> tags(row).contains(t.strip())).orElse(true);
        if (inCategory && tagged) {
          matching.add(row);
        }
      }
      matching.sort(
          Comparator.comparingDouble(Row::importance).reversed()
              .thenComparing(Row::createdAt, Comparator.reverseOrder()));
      ObjectNode answer = NODES.objectNode();
      ArrayNode memories = answer.putArray("memories");
      matching.stream()
          .skip(offset.orElse(0))
          .limit(limit.orElse(50))
          .forEach(row -> memories.add(MemoryJson.listed(row)));
      answer.put("total", matching.size());
      return Answer.ok(answer);
    };
  }

  private Route.Action secret(Call call, FieldErrors errors) {
    OptionalLong id = memoryId(call, errors);
    return () -> {
      Row row = table.live(id.getAsLong()).orElseThrow(ApiEndpoints::memoryNotFound);
      return Answer.ok(
          NODES.objectNode()
              .put("id", row.id())
              .put("content", row.original())
              .put("source", row.isRedacted() ? "encrypted" : "plaintext"));
    };
  }

  private static Optional<RecallBody> recallBody(Call call, FieldErrors errors) {
    int before = errors.count();
    Optional<Fields> read = Fields.object(call.body(), List.of("body"), errors);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Fields fields = read.get();
    Optional<String> context = fields.string("context", REQUIRED, 0, MAX_QUERY_TEXT);
    Optional<String> expanded = fields.string("expanded_query", DEFAULTED, 0, MAX_QUERY_TEXT);
    Optional<String> category = fields.string("category", NULLABLE, 0, MAX_QUERY_TEXT);
    Optional<String> sortBy = fields.choice("sort_by", DEFAULTED, SORTS);
    OptionalLong limit = fields.integer("limit", DEFAULTED, 1, 10_000);
    if (errors.count() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new RecallBody(
            context.orElseThrow(), expanded.orElse(""), category.filter(c -> !c.isEmpty()),
            sortBy.orElse("relevance"), (int) limit.orElse(30)));
  }

  /** The path's memory id; a non-integer is FastAPI's {@code int_parsing} error. */
  static OptionalLong memoryId(Call call, FieldErrors errors) {
    String text = call.pathParameters().get(0);
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException notAnInteger) {
      errors.add(
          "int_parsing", List.of("path", "memory_id"),
          "Input should be a valid integer, unable to parse string as an integer",
          TextNode.valueOf(text));
      return OptionalLong.empty();
    }
  }

  static Refusal memoryNotFound() {
    return new Refusal(Answer.detail(404, "Memory not found"));
  }

  /**
   * PostgreSQL text holds neither NUL nor (in UTF-8) a lone surrogate: the insert fails and the API
   * answers an unhandled 500.
   */
  private static void requireStorable(MemoryInput input) {
    requireStorable(input.content());
    requireStorable(input.tags());
    requireStorable(input.expandedKeywords());
  }

  private static void requireStorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pairStart =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pairStart) {
        i++;
      } else if (c == '\0' || Character.isSurrogate(c)) {
        throw new Refusal(Answer.internalServerError());
      }
    }
  }

  /** A category filter: canonical when it names one, else as given (and matches nothing new). */
  private static String categoryFilter(String category) {
    try {
      return Category.canonical(category).name();
    } catch (InvalidInputException unknown) {
      return category.strip().toLowerCase(Locale.ROOT);
    }
  }

  private static List<String> tags(Row row) {
    return Arrays.stream(row.tags().split(",")).map(String::strip).toList();
  }

  private record RecallBody(
      String context, String expandedQuery, Optional<String> category, String sortBy, int limit) {}
}
