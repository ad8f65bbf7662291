package dev.claudememory.mcp.probe;

import org.jooq.DSLContext;

/** Breaks "apps never touch jOOQ, OkHttp or JDBC". */
public final class JooqInMcpProbe {
  public int count(DSLContext dsl) {
    return dsl.fetchCount(dsl.selectOne());
  }
}
