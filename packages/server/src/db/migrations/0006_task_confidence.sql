-- How sure the parser was of each imported task (0–1) and why it was less sure (codes such as
-- NUMBERING_GAP, JOINED_LINE, TABLE_HEADER_GUESSED); the review page lists the least sure first.
-- Tasks added by hand and tasks imported before this migration count as sure.
ALTER TABLE plan_tasks ADD COLUMN confidence real NOT NULL DEFAULT 1;
ALTER TABLE plan_tasks ADD COLUMN reasons jsonb NOT NULL DEFAULT '[]';
