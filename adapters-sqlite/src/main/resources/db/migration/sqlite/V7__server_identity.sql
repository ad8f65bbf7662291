-- What tells a memory's copy on the server from another memory given the same id after the server
-- lost its data (restored from an older backup, recreated, or another deployment). New columns with
-- no default and a new table: the Python version names its columns and ignores both.
--
-- server_created_at, server_updated_at: the server's created_at of the copy a row is linked to,
-- and the newest updated_at a pull showed of it (older later means the server went back in time).
-- resent_at: when the row was last sent again because the server no longer had its copy.
ALTER TABLE memories ADD COLUMN server_created_at TEXT;
ALTER TABLE memories ADD COLUMN server_updated_at TEXT;
ALTER TABLE memories ADD COLUMN resent_at TEXT;

-- Server ids of memories deleted here or seen deleted on the server: never taken for the copy of
-- another memory, and deleted again if a restored server shows them live.
CREATE TABLE IF NOT EXISTS sync_retired_ids (
    server_id INTEGER PRIMARY KEY,
    server_created_at TEXT,
    retired_at TEXT NOT NULL
);
