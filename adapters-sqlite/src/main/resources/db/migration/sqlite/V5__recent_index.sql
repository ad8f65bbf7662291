-- memory_list shows the newest memories first: without this index every list sorts the whole
-- table. An extra index changes nothing for the Python version on the same file.
CREATE INDEX IF NOT EXISTS idx_memories_recent ON memories(created_at DESC, id DESC);
