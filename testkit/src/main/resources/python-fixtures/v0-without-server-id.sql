-- A Python-era database at user_version 0 from before hybrid mode: memories with its FTS5 index
-- and triggers, but no server_id column, no pending_ops and no sync_meta. Rollback journal (the
-- Python version had not switched to WAL yet). DDL exactly as mcp_server.py's _init_sqlite wrote it.

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

INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at)
VALUES ('The deploy pipeline runs on Woodpecker CI', 'projects', 'ci,deploy',
        'pipeline build continuous integration woodpecker', 0.7, 0,
        '2025-03-02T10:11:12.345678+00:00', '2025-03-02T10:11:12.345678+00:00');
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at)
VALUES ('staging postgres password=hunter2', 'infrastructure', 'db',
        'database credentials staging postgres login', 0.9, 1,
        '2025-03-03T08:00:00+00:00', '2025-03-03T08:00:00+00:00');
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at)
VALUES ('Viktor prefers dark roast coffee', 'preferences', 'coffee',
        'drink taste morning beverage espresso', 0.4, 0,
        '2025-03-04T07:30:00.000001+00:00', '2025-03-05T07:30:00.000001+00:00');
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at)
VALUES ('Legacy note about the zanzibar gateway', NULL, NULL, NULL, NULL, 0,
        '2025-03-06T12:00:00.500000+00:00', '2025-03-06T12:00:00.500000+00:00');
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at)
VALUES ('Tuesday standup moved to ten', 'general', 'meetings',
        'meeting schedule calendar team sync', 0.5, 0,
        '2025-03-07T09:00:00.250000+00:00', '2025-03-07T09:00:00.250000+00:00');
INSERT INTO memories (content, category, tags, expanded_keywords, importance, is_sensitive, created_at, updated_at)
VALUES ('Café in 東京 serves matcha 🍵', 'facts', 'travel,tokyo',
        'tea japan cafe green drink', 0.6, 0,
        '2025-03-08T15:45:30.999999+00:00', '2025-03-08T15:45:30.999999+00:00');
