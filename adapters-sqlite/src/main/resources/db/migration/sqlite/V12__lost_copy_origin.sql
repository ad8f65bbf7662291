-- A memory can lose several copies in turn. The first one it lost, its origin, names it across
-- losses: two machines that each sent it again before the next loss both still know it. NULL
-- when the copy lost last is the first. Our own table; the Python version ignores it.
ALTER TABLE sync_lost_copies ADD COLUMN origin_server_id INTEGER;
ALTER TABLE sync_lost_copies ADD COLUMN origin_created_at TEXT;
CREATE INDEX sync_lost_copies_origin ON sync_lost_copies (origin_server_id, origin_created_at);
