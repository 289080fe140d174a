-- Ingestion: gateway events stored exactly once, in time-partitioned tables, so retention is a
-- partition drop (no bloat, no long locks) and the same layout distributes on Citus.
--
--   interactions          metadata, verdict, checks, tool-call metadata   monthly partitions, kept 400 days
--   interaction_texts     masked prompt, response, tool arguments/results  daily partitions, kept 30 days
--   interaction_findings  what our detectors and the gateway flagged       monthly partitions, kept 400 days
--
-- Partitions are created before a batch is written by warden_ensure_partitions(); there is no
-- default partition, so nothing ever has to be moved out of one.

CREATE TYPE "TriageStatus" AS ENUM ('new', 'in_review', 'escalated', 'false_positive', 'resolved');
CREATE TYPE "QuarantineStatus" AS ENUM ('open', 'replayed', 'discarded');

ALTER TABLE "interactions" RENAME TO "interactions_v1";
ALTER TABLE "interaction_findings" RENAME TO "interaction_findings_v1";
ALTER INDEX "interactions_pkey" RENAME TO "interactions_v1_pkey";
ALTER INDEX "interactions_source_external_id_key" RENAME TO "interactions_v1_source_external_id_key";
ALTER INDEX "interactions_occurred_at_idx" RENAME TO "interactions_v1_occurred_at_idx";
ALTER INDEX "interactions_workflow_id_occurred_at_idx" RENAME TO "interactions_v1_workflow_id_occurred_at_idx";
ALTER INDEX "interaction_findings_pkey" RENAME TO "interaction_findings_v1_pkey";
ALTER INDEX "interaction_findings_status_severity_idx" RENAME TO "interaction_findings_v1_status_severity_idx";
ALTER INDEX "interaction_findings_interaction_id_idx" RENAME TO "interaction_findings_v1_interaction_id_idx";

CREATE TABLE "interactions" (
    "id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    -- The event's identity ("<source>:id:<id>" or "<source>:sha256:<hash>"); unique with occurred_at,
    -- which a re-sent event repeats, so a retried batch stores nothing twice.
    "event_key" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "batch_id" UUID,
    "workflow_id" UUID,
    -- How the gateway named the caller ("key_alias:support-bot", "team:…", "service:…"); the
    -- unregistered-AI list groups events with no workflow by it.
    "identity_key" TEXT,
    "identity" JSONB NOT NULL DEFAULT '{}',
    "model" TEXT,
    "provider" TEXT,
    "end_user" TEXT,
    "conversation_id" TEXT,
    -- [{name, connector, action, resource, inHistory}] (no arguments: those are text, kept 30 days).
    "tool_calls" JSONB NOT NULL DEFAULT '[]',
    -- Every check that ran, ours and the gateway's: [{source, detector, ruleSet|mode, passed, status, durationMs, findings, …}].
    "checks" JSONB NOT NULL DEFAULT '[]',
    "verdict" "InteractionVerdict" NOT NULL DEFAULT 'allowed',
    "severity" "Severity",
    "categories" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "finding_count" INTEGER NOT NULL DEFAULT 0,
    "tokens_in" INTEGER,
    "tokens_out" INTEGER,
    "latency_ms" DOUBLE PRECISION,
    "truncated_fields" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "interactions_pkey" PRIMARY KEY ("id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");
CREATE UNIQUE INDEX "interactions_event_key_occurred_at_key" ON "interactions"("event_key", "occurred_at");
CREATE INDEX "interactions_occurred_at_idx" ON "interactions"("occurred_at");
CREATE INDEX "interactions_workflow_id_occurred_at_idx" ON "interactions"("workflow_id", "occurred_at");
CREATE INDEX "interactions_identity_key_occurred_at_idx" ON "interactions"("identity_key", "occurred_at");
CREATE INDEX "interactions_conversation_id_idx" ON "interactions"("conversation_id");

CREATE TABLE "interaction_texts" (
    "interaction_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    -- [{role, content}], secrets masked.
    "messages" JSONB NOT NULL DEFAULT '[]',
    "output" TEXT,
    -- [{arguments, result}], index-aligned with interactions.tool_calls, secrets masked.
    "tool_io" JSONB NOT NULL DEFAULT '[]',
    CONSTRAINT "interaction_texts_pkey" PRIMARY KEY ("interaction_id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");

CREATE TABLE "interaction_findings" (
    "id" UUID NOT NULL,
    "interaction_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" UUID,
    -- "warden" (our detectors) or "gateway" (a guardrail verdict the gateway reported).
    "source" TEXT NOT NULL,
    "detector" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "owasp" TEXT,
    "severity" "Severity" NOT NULL,
    -- Where: "messages[2].content", "output", "toolCalls[0].arguments", "toolCalls[0].result", "toolCalls[0]".
    "field" TEXT,
    -- UTF-16 offsets into the stored (masked) text of that field.
    "span_start" INTEGER,
    "span_end" INTEGER,
    "explanation" TEXT NOT NULL,
    -- A leaked secret: kind, last four and keyed hash (never the secret), to correlate the same key.
    "secret_kind" TEXT,
    "secret_last_four" TEXT,
    "secret_hash" TEXT,
    -- Excessive agency: the connector called and the grant it ran under (null when there is none).
    "connector_id" UUID,
    "grant_id" UUID,
    CONSTRAINT "interaction_findings_pkey" PRIMARY KEY ("id", "occurred_at")
) PARTITION BY RANGE ("occurred_at");
CREATE INDEX "interaction_findings_interaction_id_idx" ON "interaction_findings"("interaction_id");
CREATE INDEX "interaction_findings_secret_hash_idx" ON "interaction_findings"("secret_hash");

-- One row per flagged interaction: what the analysts' queue filters, sorts and works. Small (the
-- flagged few per cent), not partitioned, deleted with its interaction's metadata.
CREATE TABLE "triage_items" (
    "interaction_id" UUID NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "workflow_id" UUID,
    "identity_key" TEXT,
    "source" TEXT NOT NULL,
    "model" TEXT,
    "severity" "Severity" NOT NULL,
    "categories" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "owasp" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "detectors" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "rules" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "connector_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
    -- Related interactions share it (same leaked key hash, same conversation, or same workflow and
    -- rule on the same day), so one attack is one group, not fifty tickets.
    "group_key" TEXT NOT NULL,
    "status" "TriageStatus" NOT NULL DEFAULT 'new',
    "assignee_id" UUID,
    -- Words of the masked prompt and response for free-text search; cleared when the text expires.
    "search" tsvector,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- First time someone moved it out of 'new' (time to triage).
    "triaged_at" TIMESTAMPTZ(3),
    CONSTRAINT "triage_items_pkey" PRIMARY KEY ("interaction_id")
);
CREATE INDEX "triage_items_occurred_at_interaction_id_idx" ON "triage_items"("occurred_at", "interaction_id");
CREATE INDEX "triage_items_status_occurred_at_idx" ON "triage_items"("status", "occurred_at");
CREATE INDEX "triage_items_workflow_id_occurred_at_idx" ON "triage_items"("workflow_id", "occurred_at");
CREATE INDEX "triage_items_group_key_idx" ON "triage_items"("group_key");
CREATE INDEX "triage_items_categories_idx" ON "triage_items" USING GIN ("categories");
CREATE INDEX "triage_items_search_idx" ON "triage_items" USING GIN ("search");
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "triage_items" ADD CONSTRAINT "triage_items_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Interactions per day, source and caller, kept by the ingest path: the dashboard's and the
-- sources page's figures without scanning the interactions.
CREATE TABLE "interaction_daily_counts" (
    "day" DATE NOT NULL,
    "source" TEXT NOT NULL,
    -- '' when the gateway named no caller.
    "identity_key" TEXT NOT NULL,
    -- Whether these interactions belong to a registered workflow (false: unregistered AI usage).
    "registered" BOOLEAN NOT NULL,
    "interactions" INTEGER NOT NULL DEFAULT 0,
    "flagged" INTEGER NOT NULL DEFAULT 0,
    "blocked" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "interaction_daily_counts_pkey" PRIMARY KEY ("day", "source", "identity_key", "registered")
);

-- Which gateway identity belongs to which registered workflow.
CREATE TABLE "workflow_identities" (
    "id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "identity_key" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workflow_identities_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "workflow_identities_identity_key_key" ON "workflow_identities"("identity_key");
CREATE INDEX "workflow_identities_workflow_id_idx" ON "workflow_identities"("workflow_id");
ALTER TABLE "workflow_identities" ADD CONSTRAINT "workflow_identities_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "workflow_identities" ADD CONSTRAINT "workflow_identities_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- One row per batch taken in (an HTTP request, a slice of an upload or file, a replay), with its counts.
CREATE TABLE "ingest_batches" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    -- "api", "upload", "cli" or "replay".
    "channel" TEXT NOT NULL,
    "token_id" UUID,
    "user_id" UUID,
    -- File name of an upload or CLI run, so its batches can be summed.
    "label" TEXT,
    "received" INTEGER NOT NULL,
    "stored" INTEGER NOT NULL,
    "duplicate" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ingest_batches_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ingest_batches_source_created_at_idx" ON "ingest_batches"("source", "created_at");
CREATE INDEX "ingest_batches_created_at_idx" ON "ingest_batches"("created_at");

-- Records that could not be read, kept (secrets masked) until an admin fixes and replays or discards them.
CREATE TABLE "ingest_quarantine" (
    "id" UUID NOT NULL,
    "batch_id" UUID,
    "source" TEXT NOT NULL,
    "record_index" INTEGER NOT NULL,
    "line" INTEGER,
    -- [{field, reason}]
    "errors" JSONB NOT NULL,
    -- The record as received (JSON text, or the raw line when it was not JSON), secrets masked.
    "record" TEXT NOT NULL,
    "status" "QuarantineStatus" NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by_id" UUID,
    -- How many interactions the replay stored (or found already stored).
    "replayed_events" INTEGER,
    CONSTRAINT "ingest_quarantine_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ingest_quarantine_status_created_at_idx" ON "ingest_quarantine"("status", "created_at");
CREATE INDEX "ingest_quarantine_source_created_at_idx" ON "ingest_quarantine"("source", "created_at");
ALTER TABLE "ingest_quarantine" ADD CONSTRAINT "ingest_quarantine_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Creates the partitions that rows at these times need: a monthly partition of interactions and
-- interaction_findings, a daily one of interaction_texts. Idempotent and safe across instances.
-- Creating a partition locks its parent, so call it in its own short transaction, before the batch
-- that needs it; it only takes its lock when a partition is actually missing.
CREATE FUNCTION warden_ensure_partitions(times TIMESTAMPTZ[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  month_start DATE;
  day_start DATE;
  locked BOOLEAN := false;
BEGIN
  FOR month_start IN SELECT DISTINCT date_trunc('month', t AT TIME ZONE 'UTC')::date FROM unnest(times) AS t LOOP
    IF to_regclass('interactions_m' || to_char(month_start, 'YYYYMM')) IS NULL
       OR to_regclass('interaction_findings_m' || to_char(month_start, 'YYYYMM')) IS NULL THEN
      IF NOT locked THEN PERFORM pg_advisory_xact_lock(72616003); locked := true; END IF;
      EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF interactions FOR VALUES FROM (%L) TO (%L)',
        'interactions_m' || to_char(month_start, 'YYYYMM'), month_start::timestamp AT TIME ZONE 'UTC', (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
      EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF interaction_findings FOR VALUES FROM (%L) TO (%L)',
        'interaction_findings_m' || to_char(month_start, 'YYYYMM'), month_start::timestamp AT TIME ZONE 'UTC', (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
    END IF;
  END LOOP;
  FOR day_start IN SELECT DISTINCT (t AT TIME ZONE 'UTC')::date FROM unnest(times) AS t LOOP
    IF to_regclass('interaction_texts_d' || to_char(day_start, 'YYYYMMDD')) IS NULL THEN
      IF NOT locked THEN PERFORM pg_advisory_xact_lock(72616003); locked := true; END IF;
      EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF interaction_texts FOR VALUES FROM (%L) TO (%L)',
        'interaction_texts_d' || to_char(day_start, 'YYYYMMDD'), day_start::timestamp AT TIME ZONE 'UTC', (day_start + 1)::timestamp AT TIME ZONE 'UTC');
    END IF;
  END LOOP;
END $$;

-- The interactions of the first schema (demo and benchmark rows) carried over.
SELECT warden_ensure_partitions(ARRAY(SELECT DISTINCT date_trunc('day', occurred_at) FROM "interactions_v1"));

INSERT INTO "interactions" ("id", "occurred_at", "event_key", "source", "workflow_id", "model", "provider", "end_user", "tool_calls", "verdict", "severity", "categories", "finding_count", "tokens_in", "tokens_out", "latency_ms", "ingested_at")
SELECT i."id", i."occurred_at", i."source" || ':id:' || COALESCE(i."external_id", i."id"::text), i."source", i."workflow_id", i."model", i."provider", i."end_user", i."tool_calls", i."verdict",
       (SELECT max(f."severity") FROM "interaction_findings_v1" f WHERE f."interaction_id" = i."id"),
       COALESCE(ARRAY(SELECT DISTINCT f."category" FROM "interaction_findings_v1" f WHERE f."interaction_id" = i."id"), '{}'),
       (SELECT count(*) FROM "interaction_findings_v1" f WHERE f."interaction_id" = i."id"),
       i."tokens_in", i."tokens_out", i."latency_ms", i."ingested_at"
FROM "interactions_v1" i;

INSERT INTO "interaction_texts" ("interaction_id", "occurred_at", "messages", "output")
SELECT "id", "occurred_at", jsonb_build_array(jsonb_build_object('role', 'user', 'content', "prompt")), "response" FROM "interactions_v1";

INSERT INTO "interaction_findings" ("id", "interaction_id", "occurred_at", "workflow_id", "source", "detector", "rule", "category", "severity", "explanation")
SELECT f."id", f."interaction_id", i."occurred_at", i."workflow_id", 'gateway', f."detector", f."detector", f."category", f."severity", f."explanation"
FROM "interaction_findings_v1" f JOIN "interactions_v1" i ON i."id" = f."interaction_id";

INSERT INTO "triage_items" ("interaction_id", "occurred_at", "workflow_id", "source", "model", "severity", "categories", "detectors", "rules", "group_key", "status", "assignee_id")
SELECT i."id", i."occurred_at", i."workflow_id", i."source", i."model", max(f."severity"), array_agg(DISTINCT f."category"), array_agg(DISTINCT f."detector"), array_agg(DISTINCT f."detector"),
       'workflow:' || COALESCE(i."workflow_id"::text, 'none') || ':' || min(f."category") || ':' || to_char(i."occurred_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
       CASE WHEN bool_and(f."status" IN ('resolved', 'dismissed')) THEN 'resolved'::"TriageStatus" WHEN bool_or(f."status" = 'triaged') THEN 'in_review'::"TriageStatus" ELSE 'new'::"TriageStatus" END,
       (array_agg(f."assignee_id") FILTER (WHERE f."assignee_id" IS NOT NULL))[1]
FROM "interactions_v1" i JOIN "interaction_findings_v1" f ON f."interaction_id" = i."id"
GROUP BY i."id";

INSERT INTO "interaction_daily_counts" ("day", "source", "identity_key", "registered", "interactions", "flagged", "blocked")
SELECT ("occurred_at" AT TIME ZONE 'UTC')::date, "source", '', "workflow_id" IS NOT NULL, count(*), count(*) FILTER (WHERE "verdict" <> 'allowed'), count(*) FILTER (WHERE "verdict" = 'blocked')
FROM "interactions_v1" GROUP BY 1, 2, 4;

DROP TABLE "interaction_findings_v1";
DROP TABLE "interactions_v1";
DROP TYPE "FindingStatus";
