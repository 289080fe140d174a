-- The queue's single filters without a scan of triage_items: the grouped view reads a batch of
-- matching candidates in sort order, and PostgreSQL needs an index on each filter to read the few
-- rows a narrow filter keeps instead of walking the whole queue. Categories and free text already
-- have GIN indexes, workflow, status, severity and assignee btree ones (20261122040000_ingestion,
-- 20261122050000_triage); these are the rest.
CREATE INDEX "triage_items_owasp_idx" ON "triage_items" USING GIN ("owasp");
CREATE INDEX "triage_items_detectors_idx" ON "triage_items" USING GIN ("detectors");
CREATE INDEX "triage_items_source_occurred_at_idx" ON "triage_items"("source", "occurred_at");
CREATE INDEX "triage_items_model_occurred_at_idx" ON "triage_items"("model", "occurred_at");
