import { describe, expect, it } from "vitest";
import { FINDING_RULE_IDS, FINDING_RULES } from "./catalog";
import {
  autonomousWrites,
  computeFindings,
  credentialsOverdueForRotation,
  credentialsSharedAcrossEnvironments,
  credentialsSharedAcrossWorkflows,
  expiredCredentials,
  grantsOnInactiveWorkflows,
  grantsWithoutExpiry,
  productionCredentialsOutsideProduction,
  RULES,
  wildcardResources,
  workflowsWithoutOwner,
  type InventorySnapshot,
} from "./rules";

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 5, 1));
const daysFromNow = (d: number) => new Date(NOW.getTime() + d * DAY);

type Workflow = InventorySnapshot["workflows"][number];
type Credential = InventorySnapshot["credentials"][number];
type Grant = InventorySnapshot["grants"][number];

const workflow = (overrides: Partial<Workflow> = {}): Workflow => ({
  id: "wf-1",
  name: "Support Copilot",
  status: "active",
  environment: "production",
  ownerId: "u-owner",
  ownerActive: true,
  ...overrides,
});
const credential = (overrides: Partial<Credential> = {}): Credential => ({
  id: "cred-1",
  name: "zendesk-api-token",
  environment: "production",
  issuedAt: daysFromNow(-30),
  lastRotatedAt: null,
  expiresAt: daysFromNow(300),
  rotationPolicyDays: 90,
  workflowIds: ["wf-1"],
  ...overrides,
});
const grant = (overrides: Partial<Grant> = {}): Grant => ({
  id: "grant-1",
  workflowId: "wf-1",
  connectorName: "Zendesk Tickets",
  status: "approved",
  resources: ["ticket:support/123"],
  actions: ["read"],
  mode: "approve",
  expiresAt: daysFromNow(60),
  createdAt: daysFromNow(-10),
  decidedAt: daysFromNow(-9),
  ...overrides,
});

/** A tidy inventory: every rule is silent on it. Each test breaks one thing. */
const inventory = (overrides: Partial<InventorySnapshot> = {}): InventorySnapshot => ({
  now: NOW,
  grantMaxDays: 365,
  workflows: [workflow()],
  credentials: [credential()],
  grants: [grant()],
  ...overrides,
});

describe("a tidy inventory", () => {
  it("has no findings at all", () => {
    expect(computeFindings(inventory())).toEqual([]);
  });
});

describe("wildcard resource scopes", () => {
  it("flags '*' anywhere in an approved or requested grant's resources", () => {
    const [broad] = wildcardResources(inventory({ grants: [grant({ resources: ["worker:*"] })] }));
    expect(broad).toMatchObject({ rule: "wildcard-resource", severity: "high", subject: { type: "grant", id: "grant-1" }, fix: { href: "/grants/grant-1" }, workflowIds: ["wf-1"] });
    const [narrow] = wildcardResources(inventory({ grants: [grant({ status: "requested", resources: ["ticket:support/*"] })] }));
    expect(narrow).toMatchObject({ severity: "medium", title: expect.stringContaining("Requested") });
    expect(narrow!.explanation).toMatch(/Approve it with the specific resources/);
  });

  it("ignores exact resources and grants that no longer give access", () => {
    expect(wildcardResources(inventory())).toEqual([]);
    for (const status of ["rejected", "expired", "revoked"] as const) {
      expect(wildcardResources(inventory({ grants: [grant({ status, resources: ["*"] })] }))).toEqual([]);
    }
    // Approved but already past its expiry, before the expiry job has run.
    expect(wildcardResources(inventory({ grants: [grant({ resources: ["*"], expiresAt: daysFromNow(-1) })] }))).toEqual([]);
  });

  it("resolves when the grant is revoked", () => {
    const broken = inventory({ grants: [grant({ resources: ["ticket:*"] })] });
    expect(wildcardResources(broken)).toHaveLength(1);
    expect(wildcardResources({ ...broken, grants: [grant({ resources: ["ticket:*"], status: "revoked" })] })).toEqual([]);
  });
});

describe("write, delete or execute in autonomous mode", () => {
  it("flags each risky action in an autonomous grant", () => {
    const [found] = autonomousWrites(inventory({ grants: [grant({ mode: "autonomous", actions: ["read", "write", "delete"] })] }));
    expect(found).toMatchObject({ rule: "autonomous-write", severity: "high", title: "Autonomous 'write', 'delete' on Zendesk Tickets" });
    expect(autonomousWrites(inventory({ grants: [grant({ mode: "autonomous", actions: ["execute"] })] }))).toHaveLength(1);
    expect(autonomousWrites(inventory({ grants: [grant({ mode: "autonomous", actions: ["admin"] })] }))).toHaveLength(1);
  });

  it("ignores reads in autonomous mode and writes a person confirms", () => {
    expect(autonomousWrites(inventory({ grants: [grant({ mode: "autonomous", actions: ["read", "send"] })] }))).toEqual([]);
    expect(autonomousWrites(inventory({ grants: [grant({ mode: "approve", actions: ["write", "delete"] })] }))).toEqual([]);
    expect(autonomousWrites(inventory({ grants: [grant({ mode: "suggest", actions: ["execute"] })] }))).toEqual([]);
  });

  it("resolves when the mode is reduced to approve", () => {
    const risky = grant({ mode: "autonomous", actions: ["write"] });
    expect(autonomousWrites(inventory({ grants: [risky] }))).toHaveLength(1);
    expect(autonomousWrites(inventory({ grants: [{ ...risky, mode: "approve" }] }))).toEqual([]);
  });
});

describe("grants without expiry or past the maximum", () => {
  it("flags a grant with no expiry", () => {
    const [found] = grantsWithoutExpiry(inventory({ grants: [grant({ expiresAt: null })] }));
    expect(found).toMatchObject({ rule: "grant-without-expiry", severity: "high", title: "Grant never expires" });
  });

  it("flags a grant that lasts longer than the maximum from its approval", () => {
    const [found] = grantsWithoutExpiry(inventory({ grantMaxDays: 90, grants: [grant({ decidedAt: daysFromNow(-10), expiresAt: daysFromNow(100) })] }));
    expect(found).toMatchObject({ severity: "medium", title: "Grant lasts 110 days, beyond the 90-day maximum" });
  });

  it("ignores a grant within the maximum", () => {
    expect(grantsWithoutExpiry(inventory({ grantMaxDays: 90, grants: [grant({ decidedAt: daysFromNow(-10), expiresAt: daysFromNow(80) })] }))).toEqual([]);
  });

  it("resolves when the grant is revoked and replaced by one with an expiry", () => {
    expect(grantsWithoutExpiry(inventory({ grants: [grant({ expiresAt: null })] }))).toHaveLength(1);
    expect(grantsWithoutExpiry(inventory({ grants: [grant({ expiresAt: null, status: "revoked" }), grant({ id: "grant-2" })] }))).toEqual([]);
  });
});

describe("grants on suspended, retired or orphaned workflows", () => {
  it.each([
    ["suspended", { status: "suspended" as const }],
    ["retired", { status: "retired" as const }],
    ["orphaned (its owner has left)", { ownerActive: false }],
    ["without an owner", { ownerId: null, ownerActive: false }],
  ])("flags a live grant on a workflow that is %s", (state, change) => {
    const [found] = grantsOnInactiveWorkflows(inventory({ workflows: [workflow(change)] }));
    expect(found).toMatchObject({ rule: "grant-on-inactive-workflow", severity: "high", title: `Approved grant on a workflow that is ${state}`, owasp: { nhi: "NHI1" } });
  });

  it("ignores grants on active, owned workflows and dead grants on retired ones", () => {
    expect(grantsOnInactiveWorkflows(inventory())).toEqual([]);
    expect(grantsOnInactiveWorkflows(inventory({ workflows: [workflow({ status: "retired" })], grants: [grant({ status: "expired" })] }))).toEqual([]);
  });

  it("resolves when the workflow gets an active owner again", () => {
    expect(grantsOnInactiveWorkflows(inventory({ workflows: [workflow({ ownerActive: false })] }))).toHaveLength(1);
    expect(grantsOnInactiveWorkflows(inventory({ workflows: [workflow({ ownerId: "u-new", ownerActive: true })] }))).toEqual([]);
  });
});

describe("credentials overdue for rotation", () => {
  it("flags a credential last rotated longer ago than its policy", () => {
    const [found] = credentialsOverdueForRotation(inventory({ credentials: [credential({ issuedAt: daysFromNow(-400), lastRotatedAt: daysFromNow(-120) })] }));
    expect(found).toMatchObject({ rule: "credential-rotation-overdue", severity: "medium", title: "Last rotated 120 days ago (policy: every 90 days)", fix: { href: "/credentials/cred-1" }, owasp: { nhi: "NHI7", llm: null } });
  });

  it("uses the issue date when it was never rotated", () => {
    const [found] = credentialsOverdueForRotation(inventory({ credentials: [credential({ issuedAt: daysFromNow(-100) })] }));
    expect(found!.title).toBe("Never rotated; issued 100 days ago (policy: every 90 days)");
  });

  it("ignores credentials within their policy, however old they are", () => {
    expect(credentialsOverdueForRotation(inventory({ credentials: [credential({ issuedAt: daysFromNow(-1000), lastRotatedAt: daysFromNow(-89) })] }))).toEqual([]);
    expect(credentialsOverdueForRotation(inventory({ credentials: [credential({ issuedAt: daysFromNow(-100), rotationPolicyDays: 180 })] }))).toEqual([]);
  });

  it("resolves when the rotation is recorded", () => {
    const overdue = credential({ issuedAt: daysFromNow(-200) });
    expect(credentialsOverdueForRotation(inventory({ credentials: [overdue] }))).toHaveLength(1);
    expect(credentialsOverdueForRotation(inventory({ credentials: [{ ...overdue, lastRotatedAt: daysFromNow(0) }] }))).toEqual([]);
  });
});

describe("expired credentials", () => {
  it("flags an expired credential, most severe while still attached", () => {
    const [attached] = expiredCredentials(inventory({ credentials: [credential({ expiresAt: daysFromNow(-5) })] }));
    expect(attached).toMatchObject({ rule: "credential-expired", severity: "high", title: "Expired 5 days ago, still attached to 1 workflow" });
    const [detached] = expiredCredentials(inventory({ credentials: [credential({ expiresAt: daysFromNow(-5), workflowIds: [] })] }));
    expect(detached).toMatchObject({ severity: "low", title: "Expired 5 days ago" });
  });

  it("ignores credentials without expiry or expiring later", () => {
    expect(expiredCredentials(inventory({ credentials: [credential({ expiresAt: null })] }))).toEqual([]);
    expect(expiredCredentials(inventory({ credentials: [credential({ expiresAt: daysFromNow(1) })] }))).toEqual([]);
  });

  it("resolves when the new expiry is recorded", () => {
    expect(expiredCredentials(inventory({ credentials: [credential({ expiresAt: daysFromNow(-1) })] }))).toHaveLength(1);
    expect(expiredCredentials(inventory({ credentials: [credential({ expiresAt: daysFromNow(365) })] }))).toEqual([]);
  });
});

describe("credentials shared across workflows", () => {
  const two = [workflow(), workflow({ id: "wf-2", name: "Finance Reporting Agent" })];

  it("flags one credential attached to several workflows, on each of them", () => {
    const [found] = credentialsSharedAcrossWorkflows(inventory({ workflows: two, credentials: [credential({ workflowIds: ["wf-1", "wf-2"] })] }));
    expect(found).toMatchObject({ rule: "credential-shared-across-workflows", severity: "medium", workflowIds: ["wf-1", "wf-2"], owasp: { nhi: "NHI9" } });
    expect(found!.title).toBe("Shared by 2 workflows: Support Copilot, Finance Reporting Agent");
  });

  it("ignores a credential used by one workflow", () => {
    expect(credentialsSharedAcrossWorkflows(inventory({ workflows: two }))).toEqual([]);
  });

  it("resolves when each workflow gets its own credential", () => {
    const shared = inventory({ workflows: two, credentials: [credential({ workflowIds: ["wf-1", "wf-2"] })] });
    expect(credentialsSharedAcrossWorkflows(shared)).toHaveLength(1);
    expect(credentialsSharedAcrossWorkflows({ ...shared, credentials: [credential(), credential({ id: "cred-2", workflowIds: ["wf-2"] })] })).toEqual([]);
  });
});

describe("credentials shared across environments", () => {
  const mixed = [workflow(), workflow({ id: "wf-2", name: "Code Review Bot", environment: "staging" })];

  it("flags a credential used by workflows in different environments", () => {
    const [found] = credentialsSharedAcrossEnvironments(inventory({ workflows: mixed, credentials: [credential({ workflowIds: ["wf-1", "wf-2"] })] }));
    expect(found).toMatchObject({ rule: "credential-shared-across-environments", severity: "high", title: "Used in production and staging", owasp: { nhi: "NHI8" } });
  });

  it("ignores sharing within one environment", () => {
    const same = [workflow(), workflow({ id: "wf-2", name: "Finance Reporting Agent" })];
    expect(credentialsSharedAcrossEnvironments(inventory({ workflows: same, credentials: [credential({ workflowIds: ["wf-1", "wf-2"] })] }))).toEqual([]);
  });

  it("resolves when the staging workflow is detached", () => {
    const shared = inventory({ workflows: mixed, credentials: [credential({ workflowIds: ["wf-1", "wf-2"] })] });
    expect(credentialsSharedAcrossEnvironments(shared)).toHaveLength(1);
    expect(credentialsSharedAcrossEnvironments({ ...shared, credentials: [credential({ workflowIds: ["wf-1"] })] })).toEqual([]);
  });
});

describe("production credentials used outside production", () => {
  const staging = workflow({ id: "wf-2", name: "Code Review Bot", environment: "staging" });

  it("flags a production credential attached to a non-production workflow, on that workflow", () => {
    const [found] = productionCredentialsOutsideProduction(inventory({ workflows: [workflow(), staging], credentials: [credential({ workflowIds: ["wf-2"] })] }));
    expect(found).toMatchObject({ rule: "production-credential-outside-production", severity: "high", workflowIds: ["wf-2"], title: "Production credential used by Code Review Bot (staging)" });
  });

  it("ignores production credentials in production and non-production credentials anywhere", () => {
    expect(productionCredentialsOutsideProduction(inventory())).toEqual([]);
    expect(productionCredentialsOutsideProduction(inventory({ workflows: [staging], credentials: [credential({ environment: "staging", workflowIds: ["wf-2"] })] }))).toEqual([]);
  });

  it("resolves when the workflow gets a staging credential instead", () => {
    const broken = inventory({ workflows: [staging], credentials: [credential({ workflowIds: ["wf-2"] })] });
    expect(productionCredentialsOutsideProduction(broken)).toHaveLength(1);
    expect(productionCredentialsOutsideProduction({ ...broken, credentials: [credential({ workflowIds: [] }), credential({ id: "cred-2", environment: "staging", workflowIds: ["wf-2"] })] })).toEqual([]);
  });
});

describe("workflows without an owner", () => {
  it("flags a running workflow with no owner or an owner who has left", () => {
    const [none] = workflowsWithoutOwner(inventory({ workflows: [workflow({ ownerId: null, ownerActive: false })] }));
    expect(none).toMatchObject({ rule: "workflow-without-owner", severity: "high", title: "No owner named on this active workflow", fix: { href: "/workflows/wf-1/edit" } });
    const [left] = workflowsWithoutOwner(inventory({ workflows: [workflow({ ownerActive: false })] }));
    expect(left!.title).toBe("Orphaned: the owner of this active workflow has left");
  });

  it("treats a draft without an owner as low severity and ignores retired workflows", () => {
    expect(workflowsWithoutOwner(inventory({ workflows: [workflow({ status: "draft", ownerId: null, ownerActive: false })] }))[0]!.severity).toBe("low");
    expect(workflowsWithoutOwner(inventory({ workflows: [workflow({ status: "retired", ownerId: null, ownerActive: false })] }))).toEqual([]);
    expect(workflowsWithoutOwner(inventory())).toEqual([]);
  });

  it("resolves when an owner is named", () => {
    expect(workflowsWithoutOwner(inventory({ workflows: [workflow({ ownerId: null, ownerActive: false })] }))).toHaveLength(1);
    expect(workflowsWithoutOwner(inventory({ workflows: [workflow({ ownerId: "u-new", ownerActive: true })] }))).toEqual([]);
  });
});

describe("the rule catalog", () => {
  it("has one rule function per catalogued rule, each mapped to an OWASP NHI risk", () => {
    expect(Object.keys(RULES).sort()).toEqual([...FINDING_RULE_IDS].sort());
    for (const id of FINDING_RULE_IDS) expect(FINDING_RULES[id].nhi).toMatch(/^NHI([1-9]|10)$/);
  });

  it("gives each finding a stable id and sorts the most severe first", () => {
    const messy = inventory({ workflows: [workflow({ status: "draft", ownerId: null, ownerActive: false })], grants: [grant({ resources: ["*"] })] });
    const findings = computeFindings(messy);
    expect(findings.map((f) => f.severity)).toEqual(["high", "high", "low"]);
    expect(computeFindings(messy).map((f) => f.id)).toEqual(findings.map((f) => f.id));
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  });
});
