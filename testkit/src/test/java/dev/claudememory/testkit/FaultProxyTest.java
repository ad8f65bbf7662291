package dev.claudememory.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudememory.testkit.FaultProxy.Fault;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
final class FaultProxyTest {
  private static final Duration SLOW_ANSWER = Duration.ofSeconds(1);
  private static final Duration CLIENT_TIMEOUT = Duration.ofMillis(300);

  private final FakeMemoryApiServer server = new FakeMemoryApiServer().start();
  private final List<FaultProxy> proxies = new ArrayList<>();

  @AfterEach
  void close() {
    proxies.forEach(FaultProxy::close);
    server.close();
  }

  private FaultProxy proxy(long seed) {
    FaultProxy proxy = new FaultProxy(server.baseUri(), seed, SLOW_ANSWER).start();
    proxies.add(proxy);
    return proxy;
  }

  private ApiClient through(FaultProxy proxy) {
    return new ApiClient(proxy.baseUri(), server.apiKey());
  }

  @Test
  void withoutFaultsEveryRequestIsForwardedAndAnsweredAsTheServerAnswers() throws Exception {
    FaultProxy proxy = proxy(1);

    ApiClient.Reply stored = through(proxy).post("/api/memories", "{\"content\":\"through the proxy\"}");
    ApiClient.Reply wrongKey = new ApiClient(proxy.baseUri(), "not-the-key").get("/api/auth-check");
    ApiClient.Reply page = through(proxy).get("/api/memories/sync?since=1970-01-01T00:00:00Z");

    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.json().path("id").asLong()).isEqualTo(server.serverMemories().get(0).id());
    assertThat(wrongKey.status()).as("the key is forwarded as given").isEqualTo(401);
    assertThat(page.status()).as("the query is forwarded").isEqualTo(200);
    assertThat(page.body()).contains("through the proxy");
    assertThat(proxy.injected()).isEmpty();
  }

  @Test
  void atFullRateEveryRequestMeetsAFaultAndOnlyForwardedOnesChangeTheServer() throws Exception {
    FaultProxy proxy = proxy(7);
    proxy.setFaultRate(1);
    ApiClient api = through(proxy);
    Map<Fault, Integer> seen = new EnumMap<>(Fault.class);

    for (int i = 0; i < 60; i++) {
      seen.merge(outcomeOfStore(api, "note " + i), 1, Integer::sum);
    }

    Map<Fault, Long> injected = proxy.injected();
    assertThat(injected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
    assertThat(injected).containsKeys(Fault.RESET, Fault.STATUS_500, Fault.STATUS_502, Fault.STATUS_503,
        Fault.DROP_AFTER_COMMIT);
    for (Fault status : List.of(Fault.STATUS_500, Fault.STATUS_502, Fault.STATUS_503)) {
      assertThat((long) seen.getOrDefault(status, 0)).as("%s answers", status).isEqualTo(injected.get(status));
    }
    assertThat(server.serverMemories())
        .as("performed: the dropped and the slow ones, never the reset or refused ones")
        .hasSize((int) (injected.getOrDefault(Fault.DROP_AFTER_COMMIT, 0L) + injected.getOrDefault(Fault.SLOW_ANSWER, 0L)));
  }

  @Test
  void oneSeedGivesOneSequenceOfFaults() throws Exception {
    List<List<Fault>> sequences = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      FaultProxy proxy = proxy(42);
      proxy.setFaultRate(0.5);
      List<Fault> sequence = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sequence.add(outcomeOfStore(through(proxy), "run " + run + " note " + i));
      }
      sequences.add(sequence);
    }

    assertThat(sequences.get(1)).isEqualTo(sequences.get(0));
    assertThat(sequences.get(0)).as("some forwarded, some faulted").containsNull().anyMatch(fault -> fault != null);
  }

  @Test
  void theNthRequestOfAKindMeetsTheSameFaultHoweverRequestsOfOtherKindsInterleave() throws Exception {
    ApiClient alternating = through(proxy(42));
    ApiClient oneKindFirst = through(proxy(42));
    proxies.forEach(proxy -> proxy.setFaultRate(0.5));
    Map<String, List<Fault>> seenAlternating = Map.of("store", new ArrayList<>(), "check", new ArrayList<>());
    Map<String, List<Fault>> seenOneKindFirst = Map.of("store", new ArrayList<>(), "check", new ArrayList<>());

    for (int i = 0; i < 20; i++) {
      seenAlternating.get("store").add(outcomeOfStore(alternating, "alternating " + i));
      seenAlternating.get("check").add(outcomeOf(alternating, alternating.request("/api/auth-check").GET()));
    }
    for (int i = 0; i < 20; i++) {
      seenOneKindFirst.get("check").add(outcomeOf(oneKindFirst, oneKindFirst.request("/api/auth-check").GET()));
    }
    for (int i = 0; i < 20; i++) {
      seenOneKindFirst.get("store").add(outcomeOfStore(oneKindFirst, "one kind first " + i));
    }

    assertThat(seenOneKindFirst).isEqualTo(seenAlternating);
    assertThat(seenAlternating.get("store")).as("some forwarded, some faulted")
        .containsNull().anyMatch(fault -> fault != null);
    assertThat(seenAlternating.get("check")).as("a kind of its own").isNotEqualTo(seenAlternating.get("store"));
  }

  @Test
  void aPinnedFaultMeetsExactlyThatRequestOfItsKindWhileFaultsAreOn() throws Exception {
    FaultProxy proxy = proxy(9);
    ApiClient api = through(proxy);
    proxy.setFaultRate(Double.MIN_VALUE);
    proxy.pin(FaultProxy.requestKind("POST", "/api/memories"), 3, Fault.STATUS_503);
    proxy.pin(FaultProxy.requestKind("POST", "/api/memories"), 5, Fault.STATUS_500);

    List<Fault> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seen.add(outcomeOfStore(api, "note " + i));
    }
    proxy.setFaultRate(0);
    seen.add(outcomeOfStore(api, "note 4, faults off"));

    assertThat(seen).containsExactly(null, null, Fault.STATUS_503, null, null);
    assertThat(proxy.injected()).containsExactly(Map.entry(Fault.STATUS_503, 1L));
  }

  @Test
  void aRequestsKindLeavesOutTheIdsInItsPath() {
    assertThat(FaultProxy.requestKind("DELETE", "/api/memories/17"))
        .isEqualTo(FaultProxy.requestKind("DELETE", "/api/memories/4"))
        .isEqualTo("DELETE /api/memories/{}");
    assertThat(FaultProxy.requestKind("POST", "/api/memories/17/share"))
        .isEqualTo("POST /api/memories/{}/share");
    assertThat(FaultProxy.requestKind("GET", "/api/memories/sync")).isEqualTo("GET /api/memories/sync");
  }

  @Test
  void aStretchOf401sEndsByItself() throws Exception {
    FaultProxy proxy = proxy(3);
    ApiClient api = through(proxy);

    proxy.answer401For(Duration.ofMillis(400));
    ApiClient.Reply during = api.get("/api/auth-check");
    Thread.sleep(500);
    ApiClient.Reply after = api.get("/api/auth-check");

    assertThat(during.status()).isEqualTo(401);
    assertThat(during.body()).isEqualTo("{\"detail\":\"Invalid API key\"}");
    assertThat(after.status()).isEqualTo(200);
    assertThat(proxy.injected()).containsExactly(Map.entry(Fault.UNAUTHORIZED, 1L));
  }

  @Test
  void aServerThatRefusesConnectionsIsAnswered502() throws Exception {
    FaultProxy proxy = proxy(5);
    server.stop();

    ApiClient.Reply reply = through(proxy).get("/api/auth-check");

    assertThat(reply.status()).isEqualTo(502);
    assertThat(proxy.upstreamRefusals()).isEqualTo(1);
  }

  /** What a store met on its way: a fault's kind as the client can tell it, or null when stored. */
  private static Fault outcomeOfStore(ApiClient api, String content) throws InterruptedException {
    return outcomeOf(
        api, api.request("/api/memories").POST(BodyPublishers.ofString("{\"content\":\"" + content + "\"}")));
  }

  /** What a request met on its way: a fault's kind as the client can tell it, or null when answered. */
  private static Fault outcomeOf(ApiClient api, HttpRequest.Builder request) throws InterruptedException {
    try {
      ApiClient.Reply reply = api.send(request.timeout(CLIENT_TIMEOUT));
      switch (reply.status()) {
        case 200:
          return null;
        case 500:
          return Fault.STATUS_500;
        case 502:
          return Fault.STATUS_502;
        case 503:
          return Fault.STATUS_503;
        default:
          throw new AssertionError("unexpected answer " + reply);
      }
    } catch (HttpTimeoutException slow) {
      return Fault.SLOW_ANSWER;
    } catch (IOException closedWithoutAnswer) {
      // a reset and a dropped answer look the same to a client
      return Fault.RESET;
    }
  }
}
