package dev.claudememory.mcp.protocol;

import java.util.List;

/** The MCP protocol versions this server speaks, and what each allows. */
public final class ProtocolVersion {
  public static final List<String> SUPPORTED =
      List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");
  public static final String LATEST = SUPPORTED.get(SUPPORTED.size() - 1);

  private ProtocolVersion() {}

  /**
   * The client's version when we speak it, else our newest (the client then decides); also when
   * the client sent none ({@code null}).
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

  /** {@code outputSchema} and {@code structuredContent} arrived in 2025-06-18. */
  public static boolean hasStructuredContent(String version) {
    return version.compareTo("2025-06-18") >= 0;
  }
}
