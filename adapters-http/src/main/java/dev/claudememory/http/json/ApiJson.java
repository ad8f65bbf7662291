package dev.claudememory.http.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.claudememory.core.RemoteApiException;
import dev.claudememory.core.memory.Category;
import dev.claudememory.core.memory.Content;
import dev.claudememory.core.memory.Importance;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteRecall;
import dev.claudememory.core.remote.RemoteSecret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The remote API's JSON bodies (SPEC §6), written from and read into core's types. Readers throw
 * {@link IOException} for a body that is not JSON or lacks a field the contract promises, with a
 * message that names fields but never quotes the body; unknown fields are ignored, so a newer
 * server does not break an older client.
 *
 * <p>Thread-safe.
 */
public final class ApiJson {
  private final ObjectMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  public byte[] storeBody(MemoryFields memory) {
    return write(store(memory));
  }

  /** An import's body: a JSON array of store bodies. */
  public byte[] importBody(List<MemoryFields> memories) {
    List<StoreBody> bodies = new ArrayList<>(memories.size());
    memories.forEach(memory -> bodies.add(store(memory)));
    return write(bodies);
  }

  private static StoreBody store(MemoryFields memory) {
    return new StoreBody(
        memory.content(),
        memory.category(),
        memory.tags(),
        memory.expandedKeywords(),
        memory.importance(),
        memory.forceSensitive());
  }

  public byte[] updateBody(MemoryFields memory) {
    return write(
        new UpdateBody(
            memory.content(),
            memory.category(),
            memory.tags(),
            memory.expandedKeywords(),
            memory.importance()));
  }

  public byte[] patchBody(MemoryPatch patch) {
    return write(
        new PatchBody(
            patch.content().map(Content::text).orElse(null),
            patch.category().map(Category::name).orElse(null),
            patch.tags().orElse(null),
            patch.expandedKeywords().orElse(null),
            patch.importance().map(Importance::value).orElse(null)));
  }

  public byte[] recallBody(RemoteRecall query) {
    return write(
        new RecallBody(
            query.context(),
            query.expandedQuery(),
            query.category().orElse(null),
            query.sortBy().wireName(),
            query.limit()));
  }

  /** An empty JSON object, for a POST whose endpoint takes no body. */
  public byte[] emptyBody() {
    return new byte[] {'{', '}'};
  }

  /**
   * The answer to a create. The server answers the canonical category (a local {@code gotcha} comes
   * back as {@code gotchas}); an answer without importance keeps the one sent.
   */
  public CreatedMemory created(byte[] body, double sentImportance) throws IOException {
    return created(read(body, CreatedBody.class), sentImportance);
  }

  /** An import's answer: one created memory per memory sent, in the order sent. */
  public List<CreatedMemory> createdAll(byte[] body, List<MemoryFields> sent) throws IOException {
    CreatedBody[] created = read(body, CreatedBody[].class);
    if (created.length != sent.size()) {
      throw new AnswerShapeException("the answer lists " + created.length + " memories for " + sent.size() + " sent");
    }
    List<CreatedMemory> memories = new ArrayList<>(created.length);
    for (int i = 0; i < created.length; i++) {
      memories.add(created(created[i], sent.get(i).importance()));
    }
    return memories;
  }

  private static CreatedMemory created(CreatedBody created, double sentImportance) throws IOException {
    if (created == null) {
      throw new AnswerShapeException("the answer holds a null memory");
    }
    long id = required(created.id(), "id");
    String category = required(created.category(), "category");
    double importance = created.importance() == null ? sentImportance : created.importance();
    return new CreatedMemory(new ServerId(id), category, importance);
  }

  /** The id an update answer names. */
  public ServerId updated(byte[] body) throws IOException {
    return new ServerId(required(read(body, UpdatedBody.class).updated(), "updated"));
  }

  /** The id a delete answer names ({@code [already deleted]} answers name it as well). */
  public ServerId deleted(byte[] body) throws IOException {
    return new ServerId(required(read(body, DeletedBody.class).deleted(), "deleted"));
  }

  public ChangeSet changes(byte[] body) throws IOException {
    SyncBody sync = read(body, SyncBody.class);
    return new ChangeSet(
        memories(required(sync.memories(), "memories")),
        required(sync.serverTime(), "server_time"));
  }

  public List<RemoteMemory> memories(byte[] body) throws IOException {
    return memories(required(read(body, MemoriesBody.class).memories(), "memories"));
  }

  public RemoteMemory memory(byte[] body) throws IOException {
    return memory(read(body, MemoryBody.class));
  }

  /** The user id an auth check answers. */
  public String userId(byte[] body) throws IOException {
    return required(read(body, AuthCheckBody.class).userId(), "user_id");
  }

  public RemoteSecret secret(byte[] body) throws IOException {
    SecretBody secret = read(body, SecretBody.class);
    return new RemoteSecret(
        required(secret.content(), "content"), required(secret.source(), "source"));
  }

  /**
   * What an error answer's {@code detail} says; empty when the body is not FastAPI's error shape (a
   * proxy's HTML page, an empty body).
   */
  public Optional<ErrorDetail> errorDetail(byte[] body) {
    JsonNode detail;
    try {
      ErrorBody error = mapper.readValue(body, ErrorBody.class);
      detail = error == null ? null : error.detail();
    } catch (IOException notJson) {
      return Optional.empty();
    }
    if (detail == null || detail.isNull()) {
      return Optional.empty();
    }
    if (detail.isValueNode()) {
      return Optional.of(new ErrorDetail(Optional.of(detail.asText()), List.of()));
    }
    if (detail.isArray()) {
      List<Violation> violations = new ArrayList<>();
      for (JsonNode entry : detail) {
        violations.add(violation(entry));
      }
      return Optional.of(new ErrorDetail(Optional.empty(), violations));
    }
    return Optional.of(new ErrorDetail(Optional.of(detail.toString()), List.of()));
  }

  private static Violation violation(JsonNode entry) {
    List<String> location = new ArrayList<>();
    for (JsonNode part : entry.path("loc")) {
      location.add(part.asText());
    }
    // Only loc and msg are kept: FastAPI's "input" echoes the rejected value, which may be a
    // secret.
    JsonNode message = entry.path("msg");
    return new Violation(location, message.isValueNode() ? message.asText() : "invalid");
  }

  private List<RemoteMemory> memories(List<MemoryBody> bodies) throws IOException {
    List<RemoteMemory> memories = new ArrayList<>(bodies.size());
    for (MemoryBody body : bodies) {
      memories.add(memory(body));
    }
    return memories;
  }

  static RemoteMemory memory(MemoryBody body) throws IOException {
    if (body == null) {
      throw new AnswerShapeException("the answer holds a null memory");
    }
    long id = required(body.id(), "id");
    // Recall and list answers may carry only one of the two timestamps; sync answers carry both.
    String createdAt = body.createdAt() != null ? body.createdAt() : body.updatedAt();
    String updatedAt = body.updatedAt() != null ? body.updatedAt() : body.createdAt();
    if (createdAt == null) {
      throw new AnswerShapeException("memory " + id + " has neither created_at nor updated_at");
    }
    return new RemoteMemory(
        new ServerId(id),
        requiredOf(body.content(), "content", id),
        requiredOf(body.category(), "category", id),
        orEmpty(body.tags()),
        orEmpty(body.expandedKeywords()),
        body.importance() == null ? 0.5 : body.importance(),
        Boolean.TRUE.equals(body.sensitive()),
        createdAt,
        updatedAt,
        Optional.ofNullable(body.deletedAt()));
  }

  /**
   * Jackson's messages quote the server's text, cut short: an echoed key would reach a reason only
   * in part, where scrubbing cannot find it. So its failures are told in words of our own.
   */
  <T> T read(byte[] body, Class<T> type) throws IOException {
    T value;
    try {
      value = mapper.readValue(body, type);
    } catch (JsonMappingException wrongShape) {
      throw new AnswerShapeException("the JSON has another shape at " + path(wrongShape));
    } catch (JsonProcessingException notJson) {
      throw new AnswerShapeException("the body is not JSON");
    }
    if (value == null) {
      throw new AnswerShapeException("the answer is JSON null");
    }
    return value;
  }

  /** {@code memories[0].id}: field names and indexes only, never a value. */
  private static String path(JsonMappingException failure) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : failure.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top" : path.toString();
  }

  byte[] write(Object body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // Records of strings and numbers always serialize; reaching this is a bug, not an outcome.
      throw new RemoteApiException("could not write a request body as JSON", e);
    }
  }

  static <T> T required(T value, String field) throws AnswerShapeException {
    if (value == null) {
      throw new AnswerShapeException("the answer has no '" + field + "'");
    }
    return value;
  }

  private static String requiredOf(String value, String field, long id)
      throws AnswerShapeException {
    if (value == null) {
      throw new AnswerShapeException("memory " + id + " has no '" + field + "'");
    }
    return value;
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
