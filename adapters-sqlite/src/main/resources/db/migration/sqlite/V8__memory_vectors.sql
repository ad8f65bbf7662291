-- Recall by meaning: one vector per memory, of the embedding model named in `model` (vectors of
-- another model are embedded again). One signed byte per dimension and a scale: about 0.4 KB a
-- memory. `sequence` grows with every vector written, so a process reads only the vectors it has
-- not seen, its own or another's.
--
-- A new table and triggers: the Python version ignores the table, and its own deletes and edits
-- of memories fire the triggers too, so a vector never outlives its memory or its text.
CREATE TABLE IF NOT EXISTS memory_vectors (
    memory_id INTEGER PRIMARY KEY,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    scale REAL NOT NULL,
    sequence INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_memory_vectors_sequence ON memory_vectors(sequence);

CREATE TRIGGER IF NOT EXISTS memories_vectors_ad AFTER DELETE ON memories BEGIN
    DELETE FROM memory_vectors WHERE memory_id = old.id;
END;

CREATE TRIGGER IF NOT EXISTS memories_vectors_au
AFTER UPDATE OF content, category, tags, expanded_keywords, is_sensitive ON memories
WHEN new.content IS NOT old.content OR new.category IS NOT old.category OR new.tags IS NOT old.tags
    OR new.expanded_keywords IS NOT old.expanded_keywords OR new.is_sensitive IS NOT old.is_sensitive
BEGIN
    DELETE FROM memory_vectors WHERE memory_id = new.id;
END;
