-- What the Python version runs against an existing database at every start (mcp_server.py's
-- _init_sqlite and sync.py's _init_sync_tables, with server_id and retry_count already present so
-- their ALTER TABLE branches are skipped), followed by the user_version it rewrites. Used to show
-- that the Python version can still open a database this project has migrated.

CREATE TABLE IF NOT EXISTS memories (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            content TEXT NOT NULL,
            category TEXT DEFAULT 'facts',
            tags TEXT DEFAULT '',
            expanded_keywords TEXT DEFAULT '',
            importance REAL DEFAULT 0.5,
            is_sensitive INTEGER DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

CREATE VIRTUAL TABLE IF NOT EXISTS memories_fts USING fts5(
            content, category, tags, expanded_keywords,
            content='memories', content_rowid='id'
        );

CREATE TRIGGER IF NOT EXISTS memories_ai AFTER INSERT ON memories BEGIN
            INSERT INTO memories_fts(rowid, content, category, tags, expanded_keywords)
            VALUES (new.id, new.content, new.category, new.tags, new.expanded_keywords);
        END;

CREATE TRIGGER IF NOT EXISTS memories_ad AFTER DELETE ON memories BEGIN
            INSERT INTO memories_fts(memories_fts, rowid, content, category, tags, expanded_keywords)
            VALUES ('delete', old.id, old.content, old.category, old.tags, old.expanded_keywords);
        END;

CREATE TRIGGER IF NOT EXISTS memories_au AFTER UPDATE ON memories BEGIN
            INSERT INTO memories_fts(memories_fts, rowid, content, category, tags, expanded_keywords)
            VALUES ('delete', old.id, old.content, old.category, old.tags, old.expanded_keywords);
            INSERT INTO memories_fts(rowid, content, category, tags, expanded_keywords)
            VALUES (new.id, new.content, new.category, new.tags, new.expanded_keywords);
        END;

CREATE TABLE IF NOT EXISTS pending_ops (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                op_type TEXT NOT NULL,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL,
                retry_count INTEGER DEFAULT 0
            );

CREATE TABLE IF NOT EXISTS sync_meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            );

CREATE UNIQUE INDEX IF NOT EXISTS idx_memories_server_id ON memories(server_id);

PRAGMA user_version = 2;
