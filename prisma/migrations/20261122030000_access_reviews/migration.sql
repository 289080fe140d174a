-- Access-review campaigns. The first cut (review_campaigns, review_decisions) held no data and
-- lacked scope, stages, recommendations and apply results, so both tables are replaced.

DROP TABLE "review_decisions";
DROP TABLE "review_campaigns";
DROP TYPE "CampaignStatus";
DROP TYPE "ReviewOutcome";

CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'active', 'closing', 'completed');
CREATE TYPE "CloseDefault" AS ENUM ('keep', 'revoke', 'recommendation');
CREATE TYPE "ReviewDecisionKind" AS ENUM ('approve', 'deny', 'modify', 'dont_know');
CREATE TYPE "ReviewRecommendation" AS ENUM ('approve', 'deny', 'modify', 'no_information');
CREATE TYPE "ApplyResult" AS ENUM ('applied', 'failed', 'object_gone');
CREATE TYPE "ReviewItemKind" AS ENUM ('grant', 'credential');

-- A grant narrowed by an access review (or later by anyone with the authority to narrow it).
ALTER TYPE "GrantEventType" ADD VALUE 'narrowed';

CREATE TABLE "review_campaigns" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "scope" JSONB NOT NULL DEFAULT '{}',
    "owner_id" UUID,
    "fallback_reviewer_id" UUID,
    "second_stage_reviewer_id" UUID,
    "close_default" "CloseDefault" NOT NULL DEFAULT 'keep',
    "recurrence_months" INTEGER,
    "previous_campaign_id" UUID,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),
    "closing_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "evidence_json_sha256" TEXT,
    "evidence_csv_sha256" TEXT,
    "evidence_json" TEXT,
    "evidence_csv" TEXT,
    CONSTRAINT "review_campaigns_pkey" PRIMARY KEY ("id")
);
-- One successor per campaign: recurrence run from several instances creates it once.
CREATE UNIQUE INDEX "review_campaigns_previous_campaign_id_key" ON "review_campaigns"("previous_campaign_id");
CREATE INDEX "review_campaigns_status_due_at_idx" ON "review_campaigns"("status", "due_at");

CREATE TABLE "review_items" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "kind" "ReviewItemKind" NOT NULL DEFAULT 'grant',
    "grant_id" UUID,
    "credential_id" UUID,
    "workflow_id" UUID,
    "subject" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL DEFAULT '{}',
    "high_risk" BOOLEAN NOT NULL DEFAULT false,
    "stage" INTEGER NOT NULL DEFAULT 1,
    "reviewer_id" UUID,
    "recommendation" "ReviewRecommendation" NOT NULL,
    "recommendation_reason" TEXT NOT NULL,
    "recommended_actions" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "decision" "ReviewDecisionKind",
    "justification" TEXT,
    "modified_scope" JSONB,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by_default" BOOLEAN NOT NULL DEFAULT false,
    "followed_recommendation" BOOLEAN,
    "apply_result" "ApplyResult",
    "apply_detail" TEXT,
    "applied_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "review_items_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "review_items_campaign_id_grant_id_key" ON "review_items"("campaign_id", "grant_id");
CREATE UNIQUE INDEX "review_items_campaign_id_credential_id_key" ON "review_items"("campaign_id", "credential_id");
CREATE INDEX "review_items_reviewer_id_idx" ON "review_items"("reviewer_id");

CREATE TABLE "review_item_events" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" UUID,
    "note" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "review_item_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "review_item_events_item_id_at_idx" ON "review_item_events"("item_id", "at");

ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_fallback_reviewer_id_fkey" FOREIGN KEY ("fallback_reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_second_stage_reviewer_id_fkey" FOREIGN KEY ("second_stage_reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_previous_campaign_id_fkey" FOREIGN KEY ("previous_campaign_id") REFERENCES "review_campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "review_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grants"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "credentials"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_item_events" ADD CONSTRAINT "review_item_events_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "review_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "review_item_events" ADD CONSTRAINT "review_item_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
