-- The bureau's summary of a ledger (issue 15) reads the records found in a period: an index on the
-- date a record was found (fields ->> 'foundOn') per region and type, so a quarter of a county's
-- 200,000 hazards is read without scanning the other years.
CREATE INDEX ledger_records_found_idx ON ledger_records (region_id, type, (fields ->> 'foundOn'));
