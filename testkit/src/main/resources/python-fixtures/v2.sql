-- A Python-era database at user_version 2, the Python version's full layout after hybrid mode:
-- memories with server_id and its unique index, the FTS5 index and triggers, pending_ops with
-- retry_count, and sync_meta holding the pull cursor last_sync_ts. WAL. DDL exactly as
-- mcp_server.py's _init_sqlite and sync.py's _init_sync_tables wrote it.

PRAGMA journal_mode=WAL;

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

ALTER TABLE memories ADD COLUMN server_id INTEGER;

CREATE UNIQUE INDEX IF NOT EXISTS idx_memories_server_id ON memories(server_id);

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

INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at, server_id)
VALUES ('The deploy pipeline runs on Woodpecker CI', 'projects', 'ci,deploy',
        'pipeline build continuous integration woodpecker', 0.7, 0,
        '2025-03-02T10:11:12.345678+00:00', '2025-03-02T10:11:12.345678+00:00', 101);
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at, server_id)
VALUES ('staging postgres password=hunter2', 'infrastructure', 'db',
        'database credentials staging postgres login', 0.9, 1,
        '2025-03-03T08:00:00+00:00', '2025-03-03T08:00:00+00:00', 102);
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at, server_id)
VALUES ('Viktor prefers dark roast coffee', 'preferences', 'coffee',
        'drink taste morning beverage espresso', 0.4, 0,
        '2025-03-04T07:30:00.000001+00:00', '2025-03-05T07:30:00.000001+00:00', 103);
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at, server_id)
VALUES ('Legacy note about the zanzibar gateway', NULL, NULL, NULL, NULL, 0,
        '2025-03-06T12:00:00.500000+00:00', '2025-03-06T12:00:00.500000+00:00', NULL);
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at, server_id)
VALUES ('Tuesday standup moved to ten', 'general', 'meetings',
        'meeting schedule calendar team sync', 0.5, 0,
        '2025-03-07T09:00:00.250000+00:00', '2025-03-07T09:00:00.250000+00:00', NULL);
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at, server_id)
VALUES ('Café in 東京 serves matcha 🍵', 'facts', 'travel,tokyo',
        'tea japan cafe green drink', 0.6, 0,
        '2025-03-08T15:45:30.999999+00:00', '2025-03-08T15:45:30.999999+00:00', NULL);

-- sync.py's enqueue_store and enqueue_delete, as json.dumps wrote the payloads; the delete has
-- already failed three times
INSERT INTO pending_ops (op_type, payload, created_at)
VALUES ('store', '{"local_id": 5, "content": "Tuesday standup moved to ten", "category": "general", "tags": "meetings", "expanded_keywords": "meeting schedule calendar team sync", "importance": 0.5, "force_sensitive": false}',
        '2025-03-07T09:00:00.260000+00:00');
INSERT INTO pending_ops (op_type, payload, created_at, retry_count)
VALUES ('delete', '{"server_id": 99}', '2025-03-07T09:05:00+00:00', 3);

INSERT OR REPLACE INTO sync_meta (key, value) VALUES ('last_sync_ts', '2025-03-08T16:00:01.123456+00:00');

PRAGMA user_version = 2;
