-- Risk dashboard rollups, beside the queue's triage_facet_counts (20261122050000_triage), which
-- already counts flagged interactions per day, status, severity, category and workflow. The dashboard
-- also needs two things that table does not hold, counted per day of occurred_at (UTC):
--
--   triage_connector_daily_counts  excessive-agency items per connector and status
--   triage_time_daily_counts       triaged items per time-to-triage bucket (median and p90 time to triage)
--
-- Both are kept by statement-level triggers on triage_items, inside the transaction that changes
-- the items: ingestion inserting them, analysts changing status, the retention purge deleting them.
-- Nothing else has to remember to maintain them, and a statement touching ten thousand items makes
-- one grouped upsert per rollup, not ten thousand. Each upsert is ordered by key, so concurrent
-- statements lock rollup rows in the same order.

-- Items with an excessive_agency finding, once per connector they name (triage_items.connector_ids).
CREATE TABLE "triage_connector_daily_counts" (
    "day" DATE NOT NULL,
    "connector_id" UUID NOT NULL,
    "status" "TriageStatus" NOT NULL,
    "items" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "triage_connector_daily_counts_pkey" PRIMARY KEY ("day", "connector_id", "status")
);

-- Triaged items (triaged_at set) by how long triage took (triaged_at - created_at): bucket b holds
-- [bound[b], bound[b + 1]) seconds of the bounds in warden_triage_time_bucket (lib/risk/triage-time.ts).
CREATE TABLE "triage_time_daily_counts" (
    "day" DATE NOT NULL,
    "bucket" SMALLINT NOT NULL,
    "items" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "triage_time_daily_counts_pkey" PRIMARY KEY ("day", "bucket")
);

CREATE FUNCTION warden_triage_time_bucket(created TIMESTAMPTZ, triaged TIMESTAMPTZ) RETURNS SMALLINT LANGUAGE sql IMMUTABLE AS $$
  SELECT width_bucket(GREATEST(extract(epoch FROM triaged - created), 0)::double precision,
    ARRAY[0, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 259200, 432000, 604800, 1209600, 2592000]::double precision[])::smallint
$$;

-- The statements that add `delta` (a query of triage_items columns plus d, +1 or -1 per row) to
-- the rollups. Text, because the trigger runs it where its transition tables are visible.
CREATE FUNCTION warden_triage_risk_rollup_sql(delta TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH delta AS MATERIALIZED (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, * FROM (%s) AS changed),
    by_connector AS (
      INSERT INTO triage_connector_daily_counts AS r (day, connector_id, status, items)
      SELECT day, c.connector_id, status, sum(d) FROM delta CROSS JOIN LATERAL (SELECT DISTINCT unnest(connector_ids) AS connector_id) AS c
      WHERE 'excessive_agency' = ANY (categories)
      GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (day, connector_id, status) DO UPDATE SET items = r.items + EXCLUDED.items
    ),
    by_time AS (
      INSERT INTO triage_time_daily_counts AS r (day, bucket, items)
      SELECT day, warden_triage_time_bucket(created_at, triaged_at), sum(d) FROM delta WHERE triaged_at IS NOT NULL
      GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
      ON CONFLICT (day, bucket) DO UPDATE SET items = r.items + EXCLUDED.items
    )
    SELECT 1
  $q$, delta)
$fn$;

-- Rows that fell to zero (items moved to another status, or deleted) on the days `delta` touched.
CREATE FUNCTION warden_triage_risk_prune_sql(delta TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH days AS MATERIALIZED (SELECT DISTINCT (occurred_at AT TIME ZONE 'UTC')::date AS day FROM (%s) AS changed),
    c AS (DELETE FROM triage_connector_daily_counts r USING days WHERE r.day = days.day AND r.items = 0),
    t AS (DELETE FROM triage_time_daily_counts r USING days WHERE r.day = days.day AND r.items = 0)
    SELECT 1
  $q$, delta)
$fn$;

CREATE FUNCTION warden_triage_risk_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cols CONSTANT TEXT := 'occurred_at, status, categories, connector_ids, created_at, triaged_at';
  delta TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN
    delta := format('SELECT %s, 1 AS d FROM new_rows', cols);
  ELSIF TG_OP = 'DELETE' THEN
    delta := format('SELECT %s, -1 AS d FROM old_rows', cols);
  ELSE
    -- An update that changes nothing these rollups count (an assignment, the search text) nets to zero and writes nothing.
    delta := format('SELECT %s, 1 AS d FROM new_rows UNION ALL SELECT %s, -1 AS d FROM old_rows', cols, cols);
  END IF;
  EXECUTE warden_triage_risk_rollup_sql(delta);
  IF TG_OP <> 'INSERT' THEN
    EXECUTE warden_triage_risk_prune_sql('SELECT occurred_at FROM old_rows');
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION warden_triage_risk_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE triage_connector_daily_counts, triage_time_daily_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER "triage_items_risk_insert" AFTER INSERT ON "triage_items"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION warden_triage_risk_rollup();
CREATE TRIGGER "triage_items_risk_update" AFTER UPDATE ON "triage_items"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION warden_triage_risk_rollup();
CREATE TRIGGER "triage_items_risk_delete" AFTER DELETE ON "triage_items"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION warden_triage_risk_rollup();
CREATE TRIGGER "triage_items_risk_truncate" AFTER TRUNCATE ON "triage_items"
    FOR EACH STATEMENT EXECUTE FUNCTION warden_triage_risk_truncate();

-- The items already there (the demo and benchmark rows carried over by the ingestion migration).
DO $$ BEGIN
  EXECUTE warden_triage_risk_rollup_sql('SELECT occurred_at, status, categories, connector_ids, created_at, triaged_at, 1 AS d FROM triage_items');
END $$;
