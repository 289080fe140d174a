-- Warden's initial schema. Hand-written; must agree with prisma/schema.prisma (drift test).

CREATE TYPE "Role" AS ENUM ('admin', 'owner', 'reviewer', 'analyst', 'auditor');
CREATE TYPE "Environment" AS ENUM ('production', 'staging', 'development');
CREATE TYPE "WorkflowStatus" AS ENUM ('draft', 'active', 'suspended', 'retired');
CREATE TYPE "DataClassification" AS ENUM ('public', 'internal', 'confidential', 'restricted');
CREATE TYPE "ConnectorKind" AS ENUM ('tool', 'api', 'data_source', 'plugin', 'mcp_server');
CREATE TYPE "Sensitivity" AS ENUM ('low', 'medium', 'high', 'critical');
CREATE TYPE "CredentialKind" AS ENUM ('api_key', 'service_account', 'oauth_client', 'gateway_virtual_key');
CREATE TYPE "ExecutionMode" AS ENUM ('suggest', 'approve', 'autonomous');
CREATE TYPE "GrantStatus" AS ENUM ('requested', 'approved', 'rejected', 'expired', 'revoked');
CREATE TYPE "GrantEventType" AS ENUM ('requested', 'approved', 'approved_reduced', 'rejected', 'expired', 'revoked');
CREATE TYPE "ActorType" AS ENUM ('user', 'token', 'system');
CREATE TYPE "InteractionVerdict" AS ENUM ('allowed', 'flagged', 'blocked');
CREATE TYPE "FindingStatus" AS ENUM ('open', 'triaged', 'resolved', 'dismissed');
CREATE TYPE "Severity" AS ENUM ('info', 'low', 'medium', 'high', 'critical');
CREATE TYPE "CampaignStatus" AS ENUM ('draft', 'active', 'closed');
CREATE TYPE "ReviewOutcome" AS ENUM ('pending', 'keep', 'revoke', 'reduce');

CREATE TABLE "teams" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "teams_name_key" ON "teams"("name");

CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "team_id" UUID,
    "password_hash" TEXT,
    "oidc_subject" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE UNIQUE INDEX "users_oidc_subject_key" ON "users"("oidc_subject");

CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

CREATE TABLE "workflows" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "team_id" UUID,
    "environment" "Environment" NOT NULL,
    "models" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "providers" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "data_classification" "DataClassification" NOT NULL,
    "status" "WorkflowStatus" NOT NULL DEFAULT 'draft',
    "owner_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workflows_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "workflows_name_key" ON "workflows"("name");
CREATE INDEX "workflows_owner_id_idx" ON "workflows"("owner_id");

CREATE TABLE "workflow_approvers" (
    "workflow_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workflow_approvers_pkey" PRIMARY KEY ("workflow_id", "user_id")
);

CREATE TABLE "connectors" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ConnectorKind" NOT NULL,
    "system" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "actions" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "resource_pattern" TEXT NOT NULL,
    "sensitivity" "Sensitivity" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "connectors_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "connectors_name_key" ON "connectors"("name");

CREATE TABLE "credentials" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CredentialKind" NOT NULL,
    "connector_id" UUID,
    "environment" "Environment" NOT NULL,
    "fingerprint" TEXT,
    "last_four" TEXT,
    "owner_id" UUID,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_rotated_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "rotation_policy_days" INTEGER NOT NULL DEFAULT 90,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "credentials_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "credentials_name_key" ON "credentials"("name");

CREATE TABLE "workflow_credentials" (
    "workflow_id" UUID NOT NULL,
    "credential_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "workflow_credentials_pkey" PRIMARY KEY ("workflow_id", "credential_id")
);

CREATE TABLE "grants" (
    "id" UUID NOT NULL,
    "workflow_id" UUID NOT NULL,
    "connector_id" UUID NOT NULL,
    "credential_id" UUID,
    "resources" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "actions" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "mode" "ExecutionMode" NOT NULL,
    "requested_resources" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "requested_actions" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "requested_mode" "ExecutionMode" NOT NULL,
    "justification" TEXT NOT NULL,
    "status" "GrantStatus" NOT NULL DEFAULT 'requested',
    "expires_at" TIMESTAMPTZ(3),
    "requested_by_id" UUID,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "grants_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "grants_workflow_id_idx" ON "grants"("workflow_id");
CREATE INDEX "grants_status_expires_at_idx" ON "grants"("status", "expires_at");

CREATE TABLE "grant_events" (
    "id" UUID NOT NULL,
    "grant_id" UUID NOT NULL,
    "type" "GrantEventType" NOT NULL,
    "actor_id" UUID,
    "reason" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "grant_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "grant_events_grant_id_at_idx" ON "grant_events"("grant_id", "at");

CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "href" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notifications_user_id_dedupe_key_key" ON "notifications"("user_id", "dedupe_key");

CREATE TABLE "interactions" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT,
    "workflow_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "model" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "end_user" TEXT,
    "prompt" TEXT NOT NULL,
    "response" TEXT,
    "tool_calls" JSONB NOT NULL DEFAULT '[]',
    "verdict" "InteractionVerdict" NOT NULL DEFAULT 'allowed',
    "tokens_in" INTEGER,
    "tokens_out" INTEGER,
    "latency_ms" INTEGER,
    "ingested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "interactions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "interactions_source_external_id_key" ON "interactions"("source", "external_id");
CREATE INDEX "interactions_occurred_at_idx" ON "interactions"("occurred_at");
CREATE INDEX "interactions_workflow_id_occurred_at_idx" ON "interactions"("workflow_id", "occurred_at");

CREATE TABLE "interaction_findings" (
    "id" UUID NOT NULL,
    "interaction_id" UUID NOT NULL,
    "detector" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "explanation" TEXT NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'open',
    "assignee_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "interaction_findings_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "interaction_findings_status_severity_idx" ON "interaction_findings"("status", "severity");
CREATE INDEX "interaction_findings_interaction_id_idx" ON "interaction_findings"("interaction_id");

CREATE TABLE "review_campaigns" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "CampaignStatus" NOT NULL DEFAULT 'draft',
    "owner_id" UUID,
    "due_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    CONSTRAINT "review_campaigns_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "review_decisions" (
    "id" UUID NOT NULL,
    "campaign_id" UUID NOT NULL,
    "grant_id" UUID NOT NULL,
    "reviewer_id" UUID,
    "outcome" "ReviewOutcome" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    CONSTRAINT "review_decisions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "review_decisions_campaign_id_grant_id_key" ON "review_decisions"("campaign_id", "grant_id");

CREATE TABLE "audit_events" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");
CREATE INDEX "audit_events_action_idx" ON "audit_events"("action");
CREATE INDEX "audit_events_target_type_target_id_idx" ON "audit_events"("target_type", "target_id");
CREATE INDEX "audit_events_actor_id_idx" ON "audit_events"("actor_id");

ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "workflow_approvers" ADD CONSTRAINT "workflow_approvers_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "workflow_approvers" ADD CONSTRAINT "workflow_approvers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "workflow_credentials" ADD CONSTRAINT "workflow_credentials_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "workflow_credentials" ADD CONSTRAINT "workflow_credentials_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "credentials"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "grants" ADD CONSTRAINT "grants_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "grants" ADD CONSTRAINT "grants_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "grants" ADD CONSTRAINT "grants_credential_id_fkey" FOREIGN KEY ("credential_id") REFERENCES "credentials"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "grants" ADD CONSTRAINT "grants_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "grants" ADD CONSTRAINT "grants_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "grant_events" ADD CONSTRAINT "grant_events_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "grant_events" ADD CONSTRAINT "grant_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "interaction_findings" ADD CONSTRAINT "interaction_findings_interaction_id_fkey" FOREIGN KEY ("interaction_id") REFERENCES "interactions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interaction_findings" ADD CONSTRAINT "interaction_findings_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "review_campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "grants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "review_decisions" ADD CONSTRAINT "review_decisions_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The audit trail is append-only in the database itself, whatever the application does.
CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_events_append_only"
    BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_refuse_change"();

CREATE TRIGGER "audit_events_no_truncate"
    BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_refuse_change"();
