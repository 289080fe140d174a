import { DAY_MS, hasWildcard, isBroadWildcard, WRITE_LIKE_ACTIONS, type ExecutionMode } from "@/lib/grants/scope";
import { FINDING_RULES, SEVERITY_RANK, type Finding, type FindingRuleId, type FindingSeverity } from "./catalog";

// Pure rules over a snapshot of the inventory. Nothing is stored: findings are recomputed on every
// read, so a finding disappears as soon as its cause is fixed.

export interface InventorySnapshot {
  now: Date;
  grantMaxDays: number;
  workflows: { id: string; name: string; status: "draft" | "active" | "suspended" | "retired"; environment: string; ownerId: string | null; ownerActive: boolean }[];
  credentials: {
    id: string;
    name: string;
    environment: string;
    issuedAt: Date;
    lastRotatedAt: Date | null;
    expiresAt: Date | null;
    rotationPolicyDays: number;
    workflowIds: string[];
  }[];
  grants: {
    id: string;
    workflowId: string;
    connectorName: string;
    status: "requested" | "approved" | "rejected" | "expired" | "revoked";
    resources: string[];
    actions: string[];
    mode: ExecutionMode;
    expiresAt: Date | null;
    createdAt: Date;
    decidedAt: Date | null;
  }[];
}

type Grant = InventorySnapshot["grants"][number];
type Workflow = InventorySnapshot["workflows"][number];

const days = (ms: number) => Math.floor(ms / DAY_MS);
const list = (items: string[]) => items.map((i) => `'${i}'`).join(", ");

function finding(rule: FindingRuleId, subject: Finding["subject"], fields: { severity: FindingSeverity; title: string; explanation: string; workflowIds: string[] }): Finding {
  const meta = FINDING_RULES[rule];
  const fix =
    subject.type === "grant"
      ? { href: `/grants/${subject.id}`, label: "Open the grant" }
      : subject.type === "credential"
        ? { href: `/credentials/${subject.id}`, label: "Open the credential" }
        : { href: `/workflows/${subject.id}/edit`, label: "Edit the workflow" };
  return { id: `${rule}:${subject.id}`, rule, subject, fix, owasp: { llm: meta.llm, nhi: meta.nhi }, ...fields };
}

/** Grants that give, or may soon give, access: approved and not yet past expiry, or awaiting a decision. */
function liveGrants(inventory: InventorySnapshot): Grant[] {
  const now = inventory.now.getTime();
  return inventory.grants.filter((g) => g.status === "requested" || (g.status === "approved" && (g.expiresAt === null || g.expiresAt.getTime() > now)));
}

function grantSubject(grant: Grant, workflows: Map<string, Workflow>): Finding["subject"] {
  return { type: "grant", id: grant.id, name: `${workflows.get(grant.workflowId)?.name ?? "Unknown workflow"} → ${grant.connectorName}` };
}

const fixGrant = (grant: Grant, approved: string, requested: string) => (grant.status === "requested" ? requested : approved);

export function wildcardResources(inventory: InventorySnapshot): Finding[] {
  const workflows = new Map(inventory.workflows.map((w) => [w.id, w]));
  return liveGrants(inventory).flatMap((grant) => {
    const wildcards = grant.resources.filter(hasWildcard);
    if (wildcards.length === 0) return [];
    const broad = wildcards.some(isBroadWildcard);
    return [
      finding("wildcard-resource", grantSubject(grant, workflows), {
        severity: broad ? "high" : "medium",
        title: `${grant.status === "requested" ? "Requested" : "Approved"} wildcard resource ${list(wildcards)}`,
        explanation: `The agent can reach anything matching ${list(wildcards)}${broad ? ", across the whole system" : ""}. ${fixGrant(grant, "Revoke it and request the specific resources the workflow uses.", "Approve it with the specific resources instead, or reject it.")}`,
        workflowIds: [grant.workflowId],
      }),
    ];
  });
}

export function autonomousWrites(inventory: InventorySnapshot): Finding[] {
  const workflows = new Map(inventory.workflows.map((w) => [w.id, w]));
  return liveGrants(inventory).flatMap((grant) => {
    const risky = grant.actions.filter((a) => WRITE_LIKE_ACTIONS.has(a));
    if (grant.mode !== "autonomous" || risky.length === 0) return [];
    return [
      finding("autonomous-write", grantSubject(grant, workflows), {
        severity: "high",
        title: `Autonomous ${list(risky)} on ${grant.connectorName}`,
        explanation: `The agent can ${risky.join("/")} with no person confirming. ${fixGrant(grant, "Revoke it and request 'approve' mode so a person confirms each action.", "Approve it in 'approve' or 'suggest' mode instead.")}`,
        workflowIds: [grant.workflowId],
      }),
    ];
  });
}

export function grantsWithoutExpiry(inventory: InventorySnapshot): Finding[] {
  const workflows = new Map(inventory.workflows.map((w) => [w.id, w]));
  const maxMs = inventory.grantMaxDays * DAY_MS;
  return liveGrants(inventory).flatMap((grant) => {
    const subject = grantSubject(grant, workflows);
    if (!grant.expiresAt) {
      return [
        finding("grant-without-expiry", subject, {
          severity: "high",
          title: "Grant never expires",
          explanation: `Access with no end date outlives the need it was granted for. ${fixGrant(grant, "Revoke it and request it again with an expiry.", "Approve it with an expiry.")}`,
          workflowIds: [grant.workflowId],
        }),
      ];
    }
    // Measured from the decision (or the request, while pending): how long the access is meant to last.
    const start = grant.decidedAt ?? grant.createdAt;
    const lifetime = grant.expiresAt.getTime() - start.getTime();
    if (lifetime <= maxMs) return [];
    return [
      finding("grant-without-expiry", subject, {
        severity: "medium",
        title: `Grant lasts ${days(lifetime)} days, beyond the ${inventory.grantMaxDays}-day maximum`,
        explanation: `Policy limits grants to ${inventory.grantMaxDays} days so access is re-justified regularly. ${fixGrant(grant, "Revoke it and request it again within the maximum.", "Approve it with a shorter expiry.")}`,
        workflowIds: [grant.workflowId],
      }),
    ];
  });
}

export function grantsOnInactiveWorkflows(inventory: InventorySnapshot): Finding[] {
  const workflows = new Map(inventory.workflows.map((w) => [w.id, w]));
  return liveGrants(inventory).flatMap((grant) => {
    const workflow = workflows.get(grant.workflowId);
    if (!workflow) return [];
    const orphaned = !workflow.ownerId || !workflow.ownerActive;
    const inactive = workflow.status === "suspended" || workflow.status === "retired";
    if (!inactive && !orphaned) return [];
    const state = inactive ? workflow.status : workflow.ownerId ? "orphaned (its owner has left)" : "without an owner";
    return [
      finding("grant-on-inactive-workflow", grantSubject(grant, workflows), {
        severity: grant.status === "approved" ? "high" : "medium",
        title: `${grant.status === "approved" ? "Approved" : "Requested"} grant on a workflow that is ${state}`,
        explanation: `${workflow.name} is ${state}, so nobody is watching this access. ${fixGrant(grant, "Revoke the grant, or give the workflow an accountable owner and reactivate it.", "Reject the request until the workflow has an owner and is active.")}`,
        workflowIds: [grant.workflowId],
      }),
    ];
  });
}

export function credentialsOverdueForRotation(inventory: InventorySnapshot): Finding[] {
  return inventory.credentials.flatMap((credential) => {
    const since = credential.lastRotatedAt ?? credential.issuedAt;
    const age = inventory.now.getTime() - since.getTime();
    if (age <= credential.rotationPolicyDays * DAY_MS) return [];
    return [
      finding("credential-rotation-overdue", { type: "credential", id: credential.id, name: credential.name }, {
        severity: "medium",
        title: `${credential.lastRotatedAt ? "Last rotated" : "Never rotated; issued"} ${days(age)} days ago (policy: every ${credential.rotationPolicyDays} days)`,
        explanation: "An old secret has had longer to leak, and a leaked one keeps working. Rotate it and record the rotation date.",
        workflowIds: credential.workflowIds,
      }),
    ];
  });
}

export function expiredCredentials(inventory: InventorySnapshot): Finding[] {
  return inventory.credentials.flatMap((credential) => {
    if (!credential.expiresAt || credential.expiresAt.getTime() > inventory.now.getTime()) return [];
    const attached = credential.workflowIds.length;
    return [
      finding("credential-expired", { type: "credential", id: credential.id, name: credential.name }, {
        severity: attached > 0 ? "high" : "low",
        title: `Expired ${days(inventory.now.getTime() - credential.expiresAt.getTime())} days ago${attached > 0 ? `, still attached to ${attached} workflow${attached === 1 ? "" : "s"}` : ""}`,
        explanation: "Either it was replaced outside Warden or it was never offboarded. Record the replacement and its new expiry, or detach and retire it.",
        workflowIds: credential.workflowIds,
      }),
    ];
  });
}

function workflowNames(ids: string[], workflows: Map<string, Workflow>): string {
  return ids.map((id) => workflows.get(id)?.name ?? "an unknown workflow").join(", ");
}

export function credentialsSharedAcrossWorkflows(inventory: InventorySnapshot): Finding[] {
  const workflows = new Map(inventory.workflows.map((w) => [w.id, w]));
  return inventory.credentials.flatMap((credential) => {
    if (credential.workflowIds.length < 2) return [];
    return [
      finding("credential-shared-across-workflows", { type: "credential", id: credential.id, name: credential.name }, {
        severity: "medium",
        title: `Shared by ${credential.workflowIds.length} workflows: ${workflowNames(credential.workflowIds, workflows)}`,
        explanation: "Their actions cannot be told apart in the target system's logs, and revoking the secret breaks every one. Issue one credential per workflow.",
        workflowIds: credential.workflowIds,
      }),
    ];
  });
}

export function credentialsSharedAcrossEnvironments(inventory: InventorySnapshot): Finding[] {
  const workflows = new Map(inventory.workflows.map((w) => [w.id, w]));
  return inventory.credentials.flatMap((credential) => {
    const environments = [...new Set(credential.workflowIds.map((id) => workflows.get(id)?.environment).filter((e): e is string => Boolean(e)))].sort();
    if (environments.length < 2) return [];
    return [
      finding("credential-shared-across-environments", { type: "credential", id: credential.id, name: credential.name }, {
        severity: "high",
        title: `Used in ${environments.join(" and ")}`,
        explanation: "A weaker environment holding the same secret can reach what the stronger one protects. Issue a separate credential per environment.",
        workflowIds: credential.workflowIds,
      }),
    ];
  });
}

export function productionCredentialsOutsideProduction(inventory: InventorySnapshot): Finding[] {
  const workflows = new Map(inventory.workflows.map((w) => [w.id, w]));
  return inventory.credentials.flatMap((credential) => {
    if (credential.environment !== "production") return [];
    const outside = credential.workflowIds.filter((id) => {
      const environment = workflows.get(id)?.environment;
      return environment !== undefined && environment !== "production";
    });
    if (outside.length === 0) return [];
    return [
      finding("production-credential-outside-production", { type: "credential", id: credential.id, name: credential.name }, {
        severity: "high",
        title: `Production credential used by ${outside.map((id) => `${workflows.get(id)!.name} (${workflows.get(id)!.environment})`).join(", ")}`,
        explanation: "Non-production environments are less guarded, so production data is within their reach. Give those workflows a credential issued for their own environment.",
        workflowIds: outside,
      }),
    ];
  });
}

export function workflowsWithoutOwner(inventory: InventorySnapshot): Finding[] {
  return inventory.workflows.flatMap((workflow) => {
    if (workflow.status === "retired" || (workflow.ownerId && workflow.ownerActive)) return [];
    const left = Boolean(workflow.ownerId);
    return [
      finding("workflow-without-owner", { type: "workflow", id: workflow.id, name: workflow.name }, {
        // A draft may lack an owner while it is being set up; anything running may not.
        severity: workflow.status === "draft" ? "low" : "high",
        title: left ? `Orphaned: the owner of this ${workflow.status} workflow has left` : `No owner named on this ${workflow.status} workflow`,
        explanation: "Nobody approves its grants, reviews its access or retires it. Name an accountable owner.",
        workflowIds: [workflow.id],
      }),
    ];
  });
}

export const RULES: Record<FindingRuleId, (inventory: InventorySnapshot) => Finding[]> = {
  "wildcard-resource": wildcardResources,
  "autonomous-write": autonomousWrites,
  "grant-without-expiry": grantsWithoutExpiry,
  "grant-on-inactive-workflow": grantsOnInactiveWorkflows,
  "credential-rotation-overdue": credentialsOverdueForRotation,
  "credential-expired": expiredCredentials,
  "credential-shared-across-workflows": credentialsSharedAcrossWorkflows,
  "credential-shared-across-environments": credentialsSharedAcrossEnvironments,
  "production-credential-outside-production": productionCredentialsOutsideProduction,
  "workflow-without-owner": workflowsWithoutOwner,
};

/** Every finding, most severe first. */
export function computeFindings(inventory: InventorySnapshot): Finding[] {
  return Object.values(RULES)
    .flatMap((rule) => rule(inventory))
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule) || a.subject.name.localeCompare(b.subject.name));
}
