package dev.claudememory.cli.probe;

import dev.claudememory.mcp.probe.JooqInMcpProbe;

/** Breaks "apps do not depend on each other". */
public final class McpInCliProbe {
  public Class<?> other() {
    return JooqInMcpProbe.class;
  }
}
