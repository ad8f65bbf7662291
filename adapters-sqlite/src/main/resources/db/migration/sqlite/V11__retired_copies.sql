-- A server id can name several copies over time when the server loses its data and hands ids out
-- again, and a restored backup can bring an older copy back: each retired copy is remembered by
-- its id and created_at ('' when not known), not one per id. Our own table; the Python version
-- ignores it.
CREATE TABLE sync_retired_copies (
    server_id INTEGER NOT NULL,
    server_created_at TEXT NOT NULL,
    retired_at TEXT NOT NULL,
    PRIMARY KEY (server_id, server_created_at)
);
INSERT INTO sync_retired_copies (server_id, server_created_at, retired_at)
    SELECT server_id, COALESCE(server_created_at, ''), retired_at FROM sync_retired_ids;
DROP TABLE sync_retired_ids;

-- The copy of each memory the server lost last: a machine that sends the memory again marks its
-- new copy with it, and every machine that held the memory recognises that copy by it.
CREATE TABLE sync_lost_copies (
    memory_id INTEGER PRIMARY KEY,
    server_id INTEGER NOT NULL,
    server_created_at TEXT NOT NULL,
    sent_version TEXT,
    lost_at TEXT NOT NULL
);
CREATE INDEX sync_lost_copies_copy ON sync_lost_copies (server_id, server_created_at);
