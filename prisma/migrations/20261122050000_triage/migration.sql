-- Triage: what analysts decide about flagged interactions (triage_items, made by ingestion), what
-- they say about them, and the queue views they save.

-- Every decision on a triage item: who, when, status from → to, assignee from → to, and why.
-- Deleted with its item (the item goes when its interaction's metadata expires).
CREATE TABLE "triage_events" (
    "id" UUID NOT NULL,
    "interaction_id" UUID NOT NULL,
    -- "status" or "assignment".
    "kind" TEXT NOT NULL,
    "actor_id" UUID,
    -- Who it was at the time (an email, "token:<name>"), kept if the account goes.
    "actor_label" TEXT NOT NULL,
    "from_status" "TriageStatus",
    "to_status" "TriageStatus",
    -- People's ids as they were; no foreign key, so the history never changes under a deletion.
    "from_assignee_id" UUID,
    "to_assignee_id" UUID,
    "reason" TEXT,
    -- Set when the change was made on a whole group of related interactions.
    "group_key" TEXT,
    "request_id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "triage_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "triage_events_interaction_id_at_idx" ON "triage_events"("interaction_id", "at");
ALTER TABLE "triage_events" ADD CONSTRAINT "triage_events_interaction_id_fkey" FOREIGN KEY ("interaction_id") REFERENCES "triage_items"("interaction_id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "triage_events" ADD CONSTRAINT "triage_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Analysts' notes on a triage item.
CREATE TABLE "triage_comments" (
    "id" UUID NOT NULL,
    "interaction_id" UUID NOT NULL,
    "author_id" UUID,
    "author_label" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "triage_comments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "triage_comments_interaction_id_created_at_idx" ON "triage_comments"("interaction_id", "created_at");
ALTER TABLE "triage_comments" ADD CONSTRAINT "triage_comments_interaction_id_fkey" FOREIGN KEY ("interaction_id") REFERENCES "triage_items"("interaction_id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "triage_comments" ADD CONSTRAINT "triage_comments_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A named queue view: the query string of /interactions, personal or shared with every analyst.
CREATE TABLE "saved_views" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "owner_id" UUID NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "query" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "saved_views_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "saved_views_owner_id_name_key" ON "saved_views"("owner_id", "name");
CREATE INDEX "saved_views_shared_idx" ON "saved_views"("shared");
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The queue's keyset orders and the probes it makes, so a page costs the same at any depth:
--   group heads: "is there a newer item of this group?" is one probe of (group_key, occurred_at, id),
--     status included so the usual status filter is answered from the index;
--   severity sort: walks (severity, occurred_at, id), its group probe (group_key, severity, occurred_at, id);
--   "assigned to me" walks (assignee_id, occurred_at).
CREATE INDEX "triage_items_group_probe_idx" ON "triage_items"("group_key", "occurred_at", "interaction_id", "status");
CREATE INDEX "triage_items_group_severity_probe_idx" ON "triage_items"("group_key", "severity", "occurred_at", "interaction_id", "status");
CREATE INDEX "triage_items_severity_occurred_at_interaction_id_idx" ON "triage_items"("severity", "occurred_at", "interaction_id");
CREATE INDEX "triage_items_assignee_id_occurred_at_idx" ON "triage_items"("assignee_id", "occurred_at");

-- Flagged interactions per day, status and filter value ("severity"/"high", "category"/"secret",
-- "workflow"/<id or ''>, …): the queue's counts per filter value without scanning triage_items when
-- the view is narrowed only by dates and status (the usual case, and the widest one). Kept by the
-- statement triggers below, so every writer (ingestion, triage decisions, re-linking, purges) keeps
-- it right without knowing about it. Zero rows are left in place; readers skip them.
CREATE TABLE "triage_facet_counts" (
    "day" DATE NOT NULL,
    "status" "TriageStatus" NOT NULL,
    -- severity | category | owasp | detector | workflow | source | model | assignee ('' = none)
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "items" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "triage_facet_counts_pkey" PRIMARY KEY ("day", "status", "dimension", "value")
);

-- The counters one triage item adds to.
CREATE FUNCTION warden_triage_facets(t triage_items) RETURNS TABLE (day DATE, status "TriageStatus", dimension TEXT, value TEXT)
LANGUAGE sql STABLE AS $$
  SELECT (t.occurred_at AT TIME ZONE 'UTC')::date, t.status, d.dimension, d.value
  FROM unnest(
    ARRAY['severity', 'workflow', 'source', 'model', 'assignee']
      || array_fill('category'::text, ARRAY[cardinality(t.categories)])
      || array_fill('owasp'::text, ARRAY[cardinality(t.owasp)])
      || array_fill('detector'::text, ARRAY[cardinality(t.detectors)]),
    ARRAY[t.severity::text, COALESCE(t.workflow_id::text, ''), t.source, COALESCE(t.model, ''), COALESCE(t.assignee_id::text, '')]
      || t.categories || t.owasp || t.detectors
  ) AS d(dimension, value)
$$;

-- Each changed row counts -1 as it was and +1 as it is, so rows whose facets did not change cancel
-- out. Sorted, so concurrent writers lock the counters in the same order (no deadlock).
CREATE FUNCTION warden_triage_facet_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO triage_facet_counts AS c (day, status, dimension, value, items)
    SELECT f.day, f.status, f.dimension, f.value, count(*) FROM new_rows r CROSS JOIN LATERAL warden_triage_facets(r) f
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, status, dimension, value) DO UPDATE SET items = c.items + EXCLUDED.items;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO triage_facet_counts AS c (day, status, dimension, value, items)
    SELECT f.day, f.status, f.dimension, f.value, -count(*) FROM old_rows r CROSS JOIN LATERAL warden_triage_facets(r) f
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, status, dimension, value) DO UPDATE SET items = c.items + EXCLUDED.items;
  ELSE
    INSERT INTO triage_facet_counts AS c (day, status, dimension, value, items)
    SELECT d.day, d.status, d.dimension, d.value, sum(d.sign) FROM (
      SELECT f.*, 1 AS sign FROM new_rows r CROSS JOIN LATERAL warden_triage_facets(r) f
      UNION ALL
      SELECT f.*, -1 AS sign FROM old_rows r CROSS JOIN LATERAL warden_triage_facets(r) f
    ) AS d
    GROUP BY 1, 2, 3, 4 HAVING sum(d.sign) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, status, dimension, value) DO UPDATE SET items = c.items + EXCLUDED.items;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "triage_items_facets_insert" AFTER INSERT ON "triage_items" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION warden_triage_facet_delta();
CREATE TRIGGER "triage_items_facets_update" AFTER UPDATE ON "triage_items" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION warden_triage_facet_delta();
CREATE TRIGGER "triage_items_facets_delete" AFTER DELETE ON "triage_items" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION warden_triage_facet_delta();

-- Whatever triage items exist already (the demo's, carried over by the ingestion migration).
INSERT INTO triage_facet_counts (day, status, dimension, value, items)
SELECT f.day, f.status, f.dimension, f.value, count(*) FROM triage_items t CROSS JOIN LATERAL warden_triage_facets(t) f GROUP BY 1, 2, 3, 4;
