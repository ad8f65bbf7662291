-- The full-text index is re-written only when an indexed column changes. The Python version's
-- trigger re-indexed a row on every update, so sync's bookkeeping (a server id assigned, a pulled
-- copy written over an identical row) re-indexed the whole text each time. Same name and body,
-- so the Python version, which creates the trigger only when it is missing, keeps this one and its
-- own updates of indexed columns are indexed as before.
DROP TRIGGER IF EXISTS memories_au;

CREATE TRIGGER memories_au AFTER UPDATE OF content, category, tags, expanded_keywords ON memories
WHEN old.content IS NOT new.content OR old.category IS NOT new.category
    OR old.tags IS NOT new.tags OR old.expanded_keywords IS NOT new.expanded_keywords
BEGIN
    INSERT INTO memories_fts(memories_fts, rowid, content, category, tags, expanded_keywords)
    VALUES ('delete', old.id, old.content, old.category, old.tags, old.expanded_keywords);
    INSERT INTO memories_fts(rowid, content, category, tags, expanded_keywords)
    VALUES (new.id, new.content, new.category, new.tags, new.expanded_keywords);
END;
