package dev.claudememory.http;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.InvalidInputException;
import dev.claudememory.core.memory.MemoryPatch;
import dev.claudememory.core.memory.ServerId;
import dev.claudememory.core.port.RemoteMemoryApi;
import dev.claudememory.core.remote.ApiKey;
import dev.claudememory.core.remote.ChangeSet;
import dev.claudememory.core.remote.CreatedMemory;
import dev.claudememory.core.remote.MemoryFields;
import dev.claudememory.core.remote.MyShares;
import dev.claudememory.core.remote.RemoteMemory;
import dev.claudememory.core.remote.RemoteRecall;
import dev.claudememory.core.remote.RemoteResult;
import dev.claudememory.core.remote.RemoteSecret;
import dev.claudememory.core.remote.SharePermission;
import dev.claudememory.core.remote.SharedMemory;
import dev.claudememory.core.sync.IdempotencyKey;
import dev.claudememory.http.json.ApiJson;
import dev.claudememory.http.json.ShareJson;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@link RemoteMemoryApi} over OkHttp (SPEC §6). One client, one connection pool, reused by every
 * call; OkHttp never retries on its own, because a silently repeated POST is a duplicate memory:
 * the sync engine decides retries and reconciles. Redirects are not followed, so the key is sent
 * only to the configured address.
 *
 * <p>Thread-safe. {@link #close()} releases pooled connections and OkHttp's threads.
 */
public final class HttpRemoteMemoryApi implements RemoteMemoryApi, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HttpRemoteMemoryApi.class.getName());
  private static final MediaType JSON = MediaType.get("application/json");

  /**
   * How long an idle connection is kept. Below uvicorn's 5 s keep-alive, so that a connection the
   * server has already closed is never reused: without OkHttp's retries, a stale connection would
   * fail the call. Pushes in one sync cycle still share one connection.
   */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(4);

  /**
   * Error pages are read only this far: the detail is at the start, and a proxy page may be big.
   */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private final HttpUrl base;
  private final OkHttpClient client;
  private final OkHttpClient recallClient;
  private final ApiJson json = new ApiJson();
  private final ShareJson shareJson = new ShareJson(json);
  private final FailureClassifier classifier;

  HttpRemoteMemoryApi(HttpUrl base, ApiKey key, HttpTimeouts timeouts, Duration keepAlive) {
    this.base = requireNonNull(base, "base");
    requireNonNull(key, "key");
    requireNonNull(timeouts, "timeouts");
    this.client =
        new OkHttpClient.Builder()
            .connectionPool(new ConnectionPool(4, keepAlive.toMillis(), TimeUnit.MILLISECONDS))
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .addInterceptor(new BearerAuth(key))
            .connectTimeout(timeouts.connect())
            .readTimeout(timeouts.call())
            .writeTimeout(timeouts.call())
            .callTimeout(timeouts.call())
            .build();
    // Shares the pool, threads and interceptor; only the bounds differ.
    this.recallClient =
        client
            .newBuilder()
            .readTimeout(timeouts.recall())
            .writeTimeout(timeouts.recall())
            .callTimeout(timeouts.recall())
            .build();
    this.classifier = new FailureClassifier(key, json, address(base));
  }

  /**
   * A client of the API at {@code baseUrl} (e.g. {@code http://localhost:8080}; a path prefix is
   * kept).
   *
   * @throws IllegalArgumentException when {@code baseUrl} is not an http or https URL
   */
  public static HttpRemoteMemoryApi create(URI baseUrl, ApiKey key, HttpTimeouts timeouts) {
    requireNonNull(baseUrl, "baseUrl");
    HttpUrl base = HttpUrl.parse(baseUrl.toString());
    if (base == null) {
      // The URL itself is not shown: it may carry user info.
      throw new IllegalArgumentException(
          "the memory API URL must be an http or https URL with a host (scheme was "
              + baseUrl.getScheme()
              + ")");
    }
    return new HttpRemoteMemoryApi(base, key, timeouts, KEEP_ALIVE);
  }

  @Override
  public RemoteResult<CreatedMemory> create(MemoryFields memory, IdempotencyKey key) {
    HttpUrl url = memories().build();
    Request request = mutating(url, key).post(body(json.storeBody(memory))).build();
    return exchange(
        client, request, changeCall("POST", url), body -> json.created(body, memory.importance()));
  }

  @Override
  public RemoteResult<List<CreatedMemory>> importAll(List<MemoryFields> memories) {
    HttpUrl url = memories().addPathSegment("import").build();
    // one request for many queued ops: its own key, as sharing calls have
    Request request = unqueuedChange(url).post(body(json.importBody(memories))).build();
    return exchange(client, request, changeCall("POST", url), body -> json.createdAll(body, memories));
  }

  @Override
  public RemoteResult<ServerId> update(ServerId id, MemoryFields memory, IdempotencyKey key) {
    HttpUrl url = memory(id).build();
    Request request = mutating(url, key).put(body(json.updateBody(memory))).build();
    return exchange(client, request, changeCall("PUT", url), json::updated);
  }

  @Override
  public RemoteResult<ServerId> patch(ServerId id, MemoryPatch patch, IdempotencyKey key) {
    HttpUrl url = memory(id).build();
    Request request = mutating(url, key).put(body(json.patchBody(patch))).build();
    return exchange(client, request, changeCall("PUT", url), json::updated);
  }

  @Override
  public RemoteResult<ServerId> delete(ServerId id, IdempotencyKey key) {
    HttpUrl url = memory(id).build();
    ApiCall call = changeCall("DELETE", url);
    Request request = mutating(url, key).delete().build();
    Answer answer;
    try {
      answer = send(client, request);
    } catch (IOException e) {
      return logged(call, classifier.unreachable(call, e));
    }
    return logged(call, classifier.classifyDelete(call, answer, id));
  }

  @Override
  public RemoteResult<ChangeSet> changesSince(Optional<String> since) {
    HttpUrl.Builder url = memories().addPathSegment("sync");
    // addQueryParameter encodes the '+' of '+00:00' as %2B; a raw '+' would reach the server as a
    // space and make the timestamp unparsable.
    since.ifPresent(cursor -> url.addQueryParameter("since", cursor));
    HttpUrl built = url.build();
    return exchange(client, request(built).get().build(), readCall("GET", built), json::changes);
  }

  @Override
  public RemoteResult<String> checkAuth() {
    HttpUrl url = base.newBuilder().addPathSegments("api/auth-check").build();
    return exchange(client, request(url).get().build(), readCall("GET", url), json::userId);
  }

  @Override
  public RemoteResult<RemoteMemory> get(ServerId id) {
    HttpUrl url = memory(id).build();
    return exchange(client, request(url).get().build(), readCall("GET", url), json::memory);
  }

  @Override
  public RemoteResult<List<RemoteMemory>> recall(RemoteRecall query) {
    HttpUrl url = memories().addPathSegment("recall").build();
    // A search, not a change: it carries no operation and so no Idempotency-Key.
    Request request = request(url).post(body(json.recallBody(query))).build();
    return exchange(recallClient, request, readCall("POST", url), json::memories);
  }

  @Override
  public RemoteResult<List<RemoteMemory>> list(Optional<String> category, int limit) {
    HttpUrl.Builder url = memories();
    category.ifPresent(name -> url.addQueryParameter("category", name));
    HttpUrl built = url.addQueryParameter("limit", Integer.toString(limit)).build();
    return exchange(client, request(built).get().build(), readCall("GET", built), json::memories);
  }

  @Override
  public RemoteResult<RemoteSecret> secret(ServerId id) {
    HttpUrl url = memory(id).addPathSegment("secret").build();
    // A read the API happens to expose as POST: no operation, no Idempotency-Key.
    Request request = request(url).post(body(json.emptyBody())).build();
    return exchange(client, request, readCall("POST", url), json::secret);
  }

  @Override
  public RemoteResult<ServerId> share(ServerId id, String sharedWith, SharePermission permission) {
    HttpUrl url = memory(id).addPathSegment("share").build();
    Request request =
        unqueuedChange(url)
            .post(body(shareJson.shareBody(sharedWith, permission)))
            .build();
    return exchange(client, request, changeCall("POST", url), shareJson::shared);
  }

  /**
   * @throws InvalidInputException when {@code sharedWith} is empty, {@code .} or {@code ..}: such a
   *     path segment would be dropped or climb a level, turning the call into {@code DELETE
   *     /api/memories/{id}}
   */
  @Override
  public RemoteResult<ServerId> unshare(ServerId id, String sharedWith) {
    requireNonNull(sharedWith, "sharedWith");
    if (sharedWith.isEmpty() || sharedWith.equals(".") || sharedWith.equals("..")) {
      throw new InvalidInputException(
          "shared_with",
          "cannot unshare from the user '" + sharedWith + "': the name cannot be sent in a URL path");
    }
    // addPathSegment percent-encodes '/', '?', '#', '%' and spaces, so the name stays one segment.
    HttpUrl url = memory(id).addPathSegment("share").addPathSegment(sharedWith).build();
    Request request = unqueuedChange(url).delete().build();
    return exchange(client, request, changeCall("DELETE", url), shareJson::unshared);
  }

  @Override
  public RemoteResult<String> shareTag(String tag, String sharedWith, SharePermission permission) {
    HttpUrl url = memories().addPathSegment("share-tag").build();
    Request request =
        unqueuedChange(url)
            .post(body(shareJson.shareTagBody(tag, sharedWith, permission)))
            .build();
    return exchange(client, request, changeCall("POST", url), shareJson::sharedTag);
  }

  @Override
  public RemoteResult<String> unshareTag(String tag, String sharedWith) {
    HttpUrl url = memories().addPathSegment("share-tag").build();
    Request request =
        unqueuedChange(url)
            .delete(body(shareJson.unshareTagBody(tag, sharedWith)))
            .build();
    return exchange(client, request, changeCall("DELETE", url), shareJson::unsharedTag);
  }

  @Override
  public RemoteResult<List<SharedMemory>> sharedWithMe() {
    HttpUrl url = memories().addPathSegment("shared-with-me").build();
    return exchange(
        client, request(url).get().build(), readCall("GET", url), shareJson::sharedWithMe);
  }

  @Override
  public RemoteResult<MyShares> myShares() {
    HttpUrl url = memories().addPathSegment("my-shares").build();
    return exchange(client, request(url).get().build(), readCall("GET", url), shareJson::myShares);
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "HttpRemoteMemoryApi[" + address(base) + "]";
  }

  /** Scheme, host and port only: a URL may carry user info. */
  private static String address(HttpUrl base) {
    return base.scheme() + "://" + base.host() + ":" + base.port();
  }

  private <T> RemoteResult<T> exchange(
      OkHttpClient via, Request request, ApiCall call, AnswerParser<T> parser) {
    Answer answer;
    try {
      answer = send(via, request);
    } catch (IOException e) {
      return logged(call, classifier.unreachable(call, e));
    }
    return logged(call, classifier.classify(call, answer, parser));
  }

  /** Reads the whole answer, so that the connection goes back to the pool before parsing. */
  private static Answer send(OkHttpClient via, Request request) throws IOException {
    try (Response response = via.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes = response.isSuccessful() ? body.bytes() : errorBody(response);
      return new Answer(
          response.code(),
          bytes,
          response.header("Content-Type", ""),
          response.header("Location", ""));
    } catch (Exception e) {
      // OkHttp's connect race can throw the undeclared InterruptedException when a shutdown
      // interrupts the sync thread: it is a call cut short, with the interrupt kept for the caller
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        InterruptedIOException cut = new InterruptedIOException("interrupted while connecting");
        cut.initCause(e);
        throw cut;
      }
      throw e;
    }
  }

  /** An error's status decides its outcome; a body cut off mid-way only loses the detail. */
  private static byte[] errorBody(Response response) {
    try {
      return response.peekBody(MAX_ERROR_BODY).bytes();
    } catch (IOException lost) {
      return new byte[0];
    }
  }

  private <T> RemoteResult<T> logged(ApiCall call, RemoteResult<T> result) {
    // Only the outcome's kind and reason: values may hold memory content, reasons are scrubbed.
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "{0} -> {1}", call.label(), outcome(result));
    }
    return result;
  }

  private static String outcome(RemoteResult<?> result) {
    if (result instanceof RemoteResult.Ok) {
      return "ok";
    } else if (result instanceof RemoteResult.RetryLater) {
      return "retry later: " + ((RemoteResult.RetryLater<?>) result).reason();
    } else if (result instanceof RemoteResult.AuthFailed) {
      return "auth failed: " + ((RemoteResult.AuthFailed<?>) result).reason();
    } else if (result instanceof RemoteResult.NotFound) {
      return "not found: " + ((RemoteResult.NotFound<?>) result).reason();
    } else if (result instanceof RemoteResult.Rejected) {
      return "rejected: " + ((RemoteResult.Rejected<?>) result).reason();
    }
    throw new AssertionError(result);
  }

  private HttpUrl.Builder memories() {
    return base.newBuilder().addPathSegments("api/memories");
  }

  private HttpUrl.Builder memory(ServerId id) {
    return memories().addPathSegment(Long.toString(id.value()));
  }

  private static Request.Builder request(HttpUrl url) {
    return new Request.Builder().url(url).header("Accept", "application/json");
  }

  private static Request.Builder mutating(HttpUrl url, IdempotencyKey key) {
    return request(url).header("Idempotency-Key", key.value());
  }

  /**
   * Sharing calls are not queued operations, so they have no key of their own; a fresh one per
   * call keeps every change carrying an {@code Idempotency-Key}, as the contract has it.
   */
  private static Request.Builder unqueuedChange(HttpUrl url) {
    return mutating(url, IdempotencyKey.random());
  }

  private static RequestBody body(byte[] json) {
    return RequestBody.create(json, JSON);
  }

  private static ApiCall changeCall(String method, HttpUrl url) {
    return new ApiCall(method, url.encodedPath(), true);
  }

  private static ApiCall readCall(String method, HttpUrl url) {
    return new ApiCall(method, url.encodedPath(), false);
  }
}
