package dev.claudememory.mcp.protocol;

import java.util.List;

/**
 * The MCP protocol versions this server speaks, and what each allows. Two eras: the legacy
 * revisions open with an {@code initialize} handshake that settles the version for the process;
 * the modern revision ({@link #MODERN}) has no handshake, and every request names its version in
 * its {@code _meta}.
 */
public final class ProtocolVersion {
  /** The revisions spoken after an {@code initialize} handshake, oldest first. */
  public static final List<String> SUPPORTED =
      List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
  /** The newest revision with a handshake. */
  public static final String LATEST = SUPPORTED.get(SUPPORTED.size() - 1);
  /** The stateless revision: spoken by every request that names it in its {@code _meta}. */
  public static final String MODERN = "2026-07-28";
  /**
   * Every revision spoken, newest first, as {@code server/discover} and the unsupported-version
   * error list them.
   */
  public static final List<String> EVERY =
      List.of(MODERN, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

  private ProtocolVersion() {}

  /**
   * The client's version when we speak it after a handshake, else our newest such (the client then
   * decides); also when the client sent none ({@code null}). A handshake never settles the modern
   * revision, which has none.
   */
  public static String negotiate(String requested) {
    // List.of(...).contains(null) throws: a null must not reach it
    return requested != null && SUPPORTED.contains(requested) ? requested : LATEST;
  }

  /** Tool annotations arrived in 2025-03-26. */
  public static boolean hasToolAnnotations(String version) {
    return version.compareTo("2025-03-26") >= 0;
  }

  /**
   * JSON-RPC batches came with 2025-03-26 and went with 2025-06-18: only a session of that revision
   * may send an array of messages.
   */
  public static boolean hasBatches(String version) {
    return version.equals("2025-03-26");
  }

  /** {@code outputSchema}, {@code structuredContent} and tool titles arrived in 2025-06-18. */
  public static boolean hasStructuredContent(String version) {
    return version.compareTo("2025-06-18") >= 0;
  }

  /**
   * The stateless revision: {@code resultType} on every result, the server's identity in each
   * result's {@code _meta}, caching hints on listings.
   */
  public static boolean isModern(String version) {
    return version.compareTo(MODERN) >= 0;
  }
}
