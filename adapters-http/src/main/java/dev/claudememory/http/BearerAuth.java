package dev.claudememory.http;

import static java.util.Objects.requireNonNull;

import dev.claudememory.core.remote.ApiKey;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * The one place the API key leaves its {@link ApiKey}: it sets {@code Authorization: Bearer …} on
 * every request. It logs nothing, so no header can reach a log line.
 */
final class BearerAuth implements Interceptor {
  private final ApiKey key;

  BearerAuth(ApiKey key) {
    this.key = requireNonNull(key, "key");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(
        chain.request().newBuilder().header("Authorization", "Bearer " + key.reveal()).build());
  }

  @Override
  public String toString() {
    return "BearerAuth[" + key + "]";
  }
}
