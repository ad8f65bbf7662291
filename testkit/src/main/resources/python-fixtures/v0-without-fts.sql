-- A Python-era database at user_version 0 from before full-text search: memories only, with
-- rows, and no memories_fts, no triggers, no server_id, no pending_ops, no sync_meta. Opening it
-- must create the FTS index over the existing rows and fill it (the Python version left such rows
-- unsearchable).

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
