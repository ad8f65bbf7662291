-- When a create whose answer never came may have made its copy on the server: from when it was
-- sent until its error answer came back, or it must have landed since the answer was given up on
-- (none while unknown). Another machine's copy with the same text and terms created outside that
-- time is never taken for the lost create's copy. Added columns of our own table.
ALTER TABLE sync_outbox ADD COLUMN unconfirmed_sent_at TEXT;
ALTER TABLE sync_outbox ADD COLUMN unconfirmed_landed_by TEXT;
