import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/db/client";
import { launchInTx } from "@/lib/reviews/launch-campaign";
import { seedDemoInteractions } from "./demo-interactions";

// Demo data for a fictional company, Acme Retail: four AI workflows, the systems they reach, and a
// few deliberate problems so every screen has something true to show on first start.

export const DEMO_PASSWORD = "warden-demo-password";

export const DEMO_USERS: { email: string; name: string; role: Role; team: string; active?: boolean }[] = [
  { email: "admin@acme.example", name: "Alex Admin", role: "admin", team: "Platform Security" },
  { email: "priya@acme.example", name: "Priya Natarajan", role: "owner", team: "Customer Support" },
  { email: "marcus@acme.example", name: "Marcus Lee", role: "owner", team: "Finance" },
  { email: "rosa@acme.example", name: "Rosa Alvarez", role: "reviewer", team: "Identity Governance" },
  { email: "sam@acme.example", name: "Sam Okafor", role: "analyst", team: "Platform Security" },
  { email: "audrey@acme.example", name: "Audrey Kim", role: "auditor", team: "Internal Audit" },
  // Left the company: the workflow she owned is orphaned.
  { email: "dana@acme.example", name: "Dana Whitfield", role: "owner", team: "People", active: false },
];

const DAY = 86_400_000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);

export async function seedDemo(db: PrismaClient): Promise<{ seeded: boolean }> {
  if ((await db.user.count()) > 0) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.$transaction(
    async (tx) => {
      const teams = new Map<string, string>();
      for (const name of [...new Set(DEMO_USERS.map((u) => u.team)), "Engineering Productivity"]) {
        const team = await tx.team.create({ data: { name } });
        teams.set(name, team.id);
      }
      const users = new Map<string, string>();
      for (const u of DEMO_USERS) {
        const user = await tx.user.create({
          data: { email: u.email, name: u.name, role: u.role, teamId: teams.get(u.team), passwordHash, active: u.active ?? true },
        });
        users.set(u.email.split("@")[0]!, user.id);
      }
      const uid = (name: string) => users.get(name)!;

      const connector = async (data: { name: string; kind: "tool" | "api" | "data_source" | "plugin" | "mcp_server"; system: string; description: string; actions: string[]; resourcePattern: string; sensitivity: "low" | "medium" | "high" | "critical" }) =>
        (await tx.connector.create({ data })).id;
      const crm = await connector({ name: "Salesforce CRM", kind: "api", system: "Salesforce", description: "Customer accounts, cases and contacts.", actions: ["read", "write", "delete"], resourcePattern: "object:<Object>", sensitivity: "high" });
      const tickets = await connector({ name: "Zendesk Tickets", kind: "api", system: "Zendesk", description: "Support tickets and macros.", actions: ["read", "write", "send"], resourcePattern: "ticket:<queue>/*", sensitivity: "medium" });
      const github = await connector({ name: "GitHub", kind: "mcp_server", system: "GitHub", description: "Source code, pull requests and reviews via the GitHub MCP server.", actions: ["read", "write", "execute"], resourcePattern: "repo:<org>/<repo>", sensitivity: "high" });
      const warehouse = await connector({ name: "Snowflake Warehouse", kind: "data_source", system: "Snowflake", description: "Finance and operations data warehouse.", actions: ["read", "write"], resourcePattern: "table:<schema>.<table>", sensitivity: "critical" });
      const slack = await connector({ name: "Slack Workspace", kind: "tool", system: "Slack", description: "Posting and reading messages in channels.", actions: ["read", "send"], resourcePattern: "channel:#<name>", sensitivity: "medium" });
      const s3 = await connector({ name: "S3 Reports Bucket", kind: "data_source", system: "AWS S3", description: "Generated reports and exports.", actions: ["read", "write", "delete"], resourcePattern: "s3://acme-reports/<prefix>", sensitivity: "high" });
      const workday = await connector({ name: "Workday HR", kind: "plugin", system: "Workday", description: "Employee records and leave balances.", actions: ["read", "write"], resourcePattern: "worker:<id>", sensitivity: "critical" });

      const workflow = async (data: { name: string; purpose: string; team: string; environment: "production" | "staging" | "development"; models: string[]; providers: string[]; dataClassification: "public" | "internal" | "confidential" | "restricted"; status: "draft" | "active" | "suspended" | "retired"; owner: string | null }) =>
        (
          await tx.workflow.create({
            data: {
              name: data.name, purpose: data.purpose, teamId: teams.get(data.team), environment: data.environment, models: data.models,
              providers: data.providers, dataClassification: data.dataClassification, status: data.status,
              ownerId: data.owner ? uid(data.owner) : null, createdById: data.owner ? uid(data.owner) : uid("admin"),
            },
          })
        ).id;
      const copilot = await workflow({ name: "Support Copilot", purpose: "Drafts replies to customer tickets and looks up order history for agents.", team: "Customer Support", environment: "production", models: ["gpt-4o"], providers: ["OpenAI"], dataClassification: "confidential", status: "active", owner: "priya" });
      const finance = await workflow({ name: "Finance Reporting Agent", purpose: "Builds the weekly revenue pack from the warehouse and publishes it to the reports bucket.", team: "Finance", environment: "production", models: ["claude-sonnet-4"], providers: ["Anthropic"], dataClassification: "restricted", status: "active", owner: "marcus" });
      const codeReview = await workflow({ name: "Code Review Bot", purpose: "Reviews pull requests and suggests changes on GitHub.", team: "Engineering Productivity", environment: "staging", models: ["gpt-4.1", "llama-3.1-70b"], providers: ["OpenAI", "Self-hosted"], dataClassification: "internal", status: "active", owner: "priya" });
      const hr = await workflow({ name: "HR Assistant", purpose: "Answers employee questions about leave and benefits.", team: "People", environment: "production", models: ["gemini-2.5-pro"], providers: ["Google"], dataClassification: "restricted", status: "active", owner: "dana" });
      await workflow({ name: "Sales Email Drafter", purpose: "Prototype that drafts outbound emails from CRM notes.", team: "Customer Support", environment: "development", models: ["gpt-4o-mini"], providers: ["OpenAI"], dataClassification: "internal", status: "draft", owner: null });
      await tx.workflowApprover.create({ data: { workflowId: finance, userId: uid("rosa") } });

      const credential = async (data: { name: string; kind: "api_key" | "service_account" | "oauth_client" | "gateway_virtual_key"; connectorId: string; environment: "production" | "staging" | "development"; lastFour?: string; fingerprint?: string; owner: string; issuedDaysAgo: number; rotatedDaysAgo?: number; expiresInDays?: number; workflows: string[] }) => {
        const created = await tx.credential.create({
          data: {
            name: data.name, kind: data.kind, connectorId: data.connectorId, environment: data.environment, lastFour: data.lastFour,
            fingerprint: data.fingerprint, ownerId: uid(data.owner), issuedAt: daysFromNow(-data.issuedDaysAgo),
            lastRotatedAt: data.rotatedDaysAgo === undefined ? null : daysFromNow(-data.rotatedDaysAgo),
            expiresAt: data.expiresInDays === undefined ? null : daysFromNow(data.expiresInDays),
          },
        });
        for (const w of data.workflows) await tx.workflowCredential.create({ data: { workflowId: w, credentialId: created.id } });
        return created.id;
      };
      const crmKey = await credential({ name: "salesforce-support-oauth", kind: "oauth_client", connectorId: crm, environment: "production", fingerprint: "SHA256:9f2c…41ab", owner: "priya", issuedDaysAgo: 200, rotatedDaysAgo: 30, expiresInDays: 335, workflows: [copilot] });
      const zendeskKey = await credential({ name: "zendesk-api-token", kind: "api_key", connectorId: tickets, environment: "production", lastFour: "7Qx2", owner: "priya", issuedDaysAgo: 150, rotatedDaysAgo: 120, workflows: [copilot] });
      const githubApp = await credential({ name: "github-review-app", kind: "service_account", connectorId: github, environment: "production", fingerprint: "SHA256:c01d…77e0", owner: "priya", issuedDaysAgo: 400, rotatedDaysAgo: 60, workflows: [codeReview] });
      const snowflake = await credential({ name: "snowflake-finance-svc", kind: "service_account", connectorId: warehouse, environment: "production", fingerprint: "SHA256:aa41…0b9d", owner: "marcus", issuedDaysAgo: 90, rotatedDaysAgo: 10, expiresInDays: 80, workflows: [finance] });
      const slackBot = await credential({ name: "slack-bot-token", kind: "api_key", connectorId: slack, environment: "production", lastFour: "kP0z", owner: "priya", issuedDaysAgo: 300, workflows: [copilot, finance] });
      const s3Key = await credential({ name: "s3-reports-writer", kind: "api_key", connectorId: s3, environment: "production", lastFour: "Q4NA", owner: "marcus", issuedDaysAgo: 500, rotatedDaysAgo: 400, expiresInDays: -5, workflows: [finance] });
      const gatewayKey = await credential({ name: "litellm-hr-virtual-key", kind: "gateway_virtual_key", connectorId: workday, environment: "production", lastFour: "h8Ls", owner: "dana", issuedDaysAgo: 40, rotatedDaysAgo: 40, workflows: [hr] });

      const grant = async (data: { workflowId: string; connectorId: string; credentialId: string; resources: string[]; actions: string[]; mode: "suggest" | "approve" | "autonomous"; justification: string; requestedBy: string; decidedBy?: string; status: "requested" | "approved"; expiresInDays: number | null; requestedResources?: string[] }) => {
        const created = await tx.grant.create({
          data: {
            workflowId: data.workflowId, connectorId: data.connectorId, credentialId: data.credentialId, resources: data.resources, actions: data.actions,
            mode: data.mode, requestedResources: data.requestedResources ?? data.resources, requestedActions: data.actions, requestedMode: data.mode,
            justification: data.justification, status: data.status, expiresAt: data.expiresInDays === null ? null : daysFromNow(data.expiresInDays),
            requestedById: uid(data.requestedBy), decidedById: data.decidedBy ? uid(data.decidedBy) : null, decidedAt: data.decidedBy ? daysFromNow(-20) : null,
            createdAt: daysFromNow(-21),
          },
        });
        await tx.grantEvent.create({ data: { grantId: created.id, type: "requested", actorId: uid(data.requestedBy), at: daysFromNow(-21), details: { resources: data.requestedResources ?? data.resources, actions: data.actions, mode: data.mode } } });
        if (data.decidedBy) {
          const reduced = Boolean(data.requestedResources);
          await tx.grantEvent.create({
            data: { grantId: created.id, type: reduced ? "approved_reduced" : "approved", actorId: uid(data.decidedBy), at: daysFromNow(-20), reason: reduced ? "Limit to the queues the copilot actually serves." : null, details: { resources: data.resources, actions: data.actions, mode: data.mode } },
          });
        }
      };
      await grant({ workflowId: copilot, connectorId: tickets, credentialId: zendeskKey, resources: ["ticket:support/*", "ticket:billing/*"], requestedResources: ["ticket:*"], actions: ["read", "write"], mode: "approve", justification: "Draft replies on support and billing tickets; an agent confirms each reply.", requestedBy: "admin", decidedBy: "priya", status: "approved", expiresInDays: 70 });
      await grant({ workflowId: copilot, connectorId: crm, credentialId: crmKey, resources: ["object:Account", "object:Order"], actions: ["read"], mode: "autonomous", justification: "Look up order history while drafting a reply.", requestedBy: "admin", decidedBy: "priya", status: "approved", expiresInDays: 10 });
      await grant({ workflowId: copilot, connectorId: slack, credentialId: slackBot, resources: ["channel:#support-escalations"], actions: ["send"], mode: "suggest", justification: "Suggest escalation messages for the on-call lead.", requestedBy: "admin", status: "requested", expiresInDays: 90 });
      await grant({ workflowId: finance, connectorId: warehouse, credentialId: snowflake, resources: ["table:finance.*"], actions: ["read"], mode: "autonomous", justification: "Read revenue tables for the weekly pack.", requestedBy: "marcus", decidedBy: "rosa", status: "approved", expiresInDays: 60 });
      await grant({ workflowId: finance, connectorId: s3, credentialId: s3Key, resources: ["s3://acme-reports/weekly/"], actions: ["write", "delete"], mode: "autonomous", justification: "Publish the weekly pack and remove superseded drafts.", requestedBy: "marcus", decidedBy: "admin", status: "approved", expiresInDays: null });
      await grant({ workflowId: codeReview, connectorId: github, credentialId: githubApp, resources: ["repo:acme/*"], actions: ["read", "write"], mode: "suggest", justification: "Comment on pull requests across the organisation.", requestedBy: "priya", decidedBy: "admin", status: "approved", expiresInDays: 45 });
      await grant({ workflowId: hr, connectorId: workday, credentialId: gatewayKey, resources: ["worker:*"], actions: ["read"], mode: "autonomous", justification: "Answer leave balance questions for any employee.", requestedBy: "dana", decidedBy: "admin", status: "approved", expiresInDays: 120 });

      // An access review in progress, owned by the governance lead, so the reviews screens have data.
      const campaign = await tx.reviewCampaign.create({
        data: { name: "Quarterly access review", description: "Every approved grant and credential, certified by its workflow's or credential's owner.", ownerId: uid("rosa"), fallbackReviewerId: uid("admin"), closeDefault: "recommendation", recurrenceMonths: 3, scope: { subjects: ["grants", "credentials"] }, startsAt: daysFromNow(-1), dueAt: daysFromNow(13) },
      });
      await launchInTx(tx, SYSTEM_ACTOR, campaign.id, randomUUID(), new Date());

      await recordAudit(tx, { actor: SYSTEM_ACTOR, action: "seed.demo_data", target: { type: "system" }, after: { users: DEMO_USERS.length }, requestId: randomUUID() });
    },
    { timeout: 60_000 },
  );
  // After the inventory is committed: ingest links events to workflows and checks their grants.
  await seedDemoInteractions(db);
  return { seeded: true };
}
