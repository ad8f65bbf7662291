-- The sync engine's queue and lease (new tables only: the Python version ignores them).
--
-- sync_outbox holds at most one coalesced op per memory. Instants are text in the Python version's
-- timestamp shape, so they order as text. memory_id is NULL only for a delete adopted from the
-- Python queue, whose local row was already gone. A parked op (parked_reason set) was refused by
-- the server for good: it stays until the user retries or discards it.
CREATE TABLE IF NOT EXISTS sync_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    memory_id INTEGER UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
    server_id INTEGER,
    idempotency_key TEXT NOT NULL UNIQUE,
    revision INTEGER NOT NULL DEFAULT 1,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    unconfirmed_content TEXT,
    last_error TEXT,
    parked_reason TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_sync_outbox_due ON sync_outbox(next_attempt_at) WHERE parked_reason IS NULL;
CREATE INDEX IF NOT EXISTS idx_sync_outbox_server_id ON sync_outbox(server_id);

-- One row per lease: which process syncs this file, and until when unless it renews.
CREATE TABLE IF NOT EXISTS sync_lease (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
