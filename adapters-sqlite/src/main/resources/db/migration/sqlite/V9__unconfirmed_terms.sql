-- The tags and related terms a create sent, beside its content: a copy on the server with the same
-- content but other terms is another memory that says the same (stored on another machine), and is
-- never taken for the lost create's copy. An added column of our own table.
ALTER TABLE sync_outbox ADD COLUMN unconfirmed_terms TEXT;
