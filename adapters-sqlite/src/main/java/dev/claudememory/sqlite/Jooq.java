package dev.claudememory.sqlite;

import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** jOOQ as this adapter uses it: the SQLite dialect, plain names, and nothing on the console. */
final class Jooq {
  private Jooq() {}

  /**
   * Turns off jOOQ's logo and tips, which it prints through its logger the first time it renders;
   * must run before that, so {@link SqliteDatabase#open} and {@link Schema} call it first. A value
   * the embedder set is kept.
   */
  static void quiet() {
    if (System.getProperty("org.jooq.no-logo") == null) {
      System.setProperty("org.jooq.no-logo", "true");
    }
    if (System.getProperty("org.jooq.no-tips") == null) {
      System.setProperty("org.jooq.no-tips", "true");
    }
  }

  /** A DSL over one connection; jOOQ never commits or rolls back on it. */
  static DSLContext using(Connection connection) {
    quiet();
    Settings settings =
        new Settings()
            // the schema's names are plain lower-case identifiers: no quoting needed or wanted
            .withRenderQuotedNames(RenderQuotedNames.NEVER)
            .withRenderNameCase(RenderNameCase.AS_IS)
            .withRenderSchema(false)
            .withExecuteLogging(false)
            .withDiagnosticsLogging(false);
    return DSL.using(connection, SQLDialect.SQLITE, settings);
  }
}
