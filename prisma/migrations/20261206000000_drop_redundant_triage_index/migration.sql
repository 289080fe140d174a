-- triage_items_group_probe_idx (group_key, occurred_at, interaction_id, status) answers everything the
-- single-column index on group_key did, so that one only cost every flagged interaction's insert an
-- extra index entry.
DROP INDEX "triage_items_group_key_idx";
