import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { credentialHealth } from "./credential-health";
import { credentialIdentifier, fingerprintProblem, lastFourProblem, looksLikeSecret, PASTED_SECRET_CLEARED, screenIdentifier } from "./credential-identifiers";
import { canEditWorkflow, ownerState } from "./ownership";
import { aStatus, canTransition, nextStatuses } from "./workflow-lifecycle";

const user = (role: "admin" | "owner" | "reviewer", id = "u1"): Actor => ({ type: "user", id, email: `${id}@x`, name: id, role });

describe("ownerState", () => {
  it("calls a workflow orphaned when its owner is deactivated or missing past draft", () => {
    expect(ownerState({ status: "active", owner: { active: true } })).toBe("assigned");
    expect(ownerState({ status: "active", owner: { active: false } })).toBe("orphaned");
    expect(ownerState({ status: "suspended", owner: null })).toBe("orphaned");
    expect(ownerState({ status: "draft", owner: { active: false } })).toBe("orphaned");
    expect(ownerState({ status: "draft", owner: null })).toBe("unassigned");
    expect(ownerState({ status: "retired", owner: { active: false } })).toBe("assigned");
  });
});

describe("canEditWorkflow", () => {
  it("lets admins edit any live workflow and owners only their own", () => {
    expect(canEditWorkflow(user("admin"), { ownerId: "someone", status: "active" })).toBe(true);
    expect(canEditWorkflow(user("owner", "u1"), { ownerId: "u1", status: "active" })).toBe(true);
    expect(canEditWorkflow(user("owner", "u1"), { ownerId: "u2", status: "active" })).toBe(false);
    expect(canEditWorkflow(user("owner", "u1"), { ownerId: null, status: "draft" })).toBe(false);
    expect(canEditWorkflow(user("reviewer", "u1"), { ownerId: "u1", status: "active" })).toBe(false);
    expect(canEditWorkflow(user("admin"), { ownerId: null, status: "retired" })).toBe(false);
  });
});

describe("workflow lifecycle", () => {
  it("moves draft → active → suspended → retired, and never out of retired", () => {
    expect(canTransition("draft", "active")).toBe(true);
    expect(canTransition("active", "suspended")).toBe(true);
    expect(canTransition("suspended", "active")).toBe(true);
    expect(canTransition("draft", "suspended")).toBe(false);
    expect(canTransition("active", "draft")).toBe(false);
    expect(nextStatuses("retired")).toEqual([]);
    expect([aStatus("active"), aStatus("draft")]).toEqual(["an active", "a draft"]);
  });
});

describe("credential identifiers", () => {
  it("accepts exactly four characters and refuses anything longer with a clear message", () => {
    expect(lastFourProblem("7Qx2")).toBeNull();
    expect(lastFourProblem("")).toBeNull();
    expect(lastFourProblem("sk-live-0123456789abcdef")).toMatch(/only the last 4 characters/);
    expect(lastFourProblem("abc")).toBe("Last four must be exactly 4 characters.");
    expect(lastFourProblem("a bc")).toBe("Last four cannot contain spaces.");
  });

  it("accepts fingerprints with a named hash and refuses keys", () => {
    expect(fingerprintProblem("SHA256:9f2c…41ab")).toBeNull();
    expect(fingerprintProblem("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")).toBeNull();
    expect(fingerprintProblem("md5:9f2c...41ab")).toBeNull();
    expect(fingerprintProblem("9f:2c:41:ab:00:11:22:33:44:55:66:77:88:99:aa:bb")).toBeNull();
    expect(fingerprintProblem("sk-ant-api03-abcdefghijklmnopqrstuvwxyz")).toMatch(/looks like the secret itself/);
    expect(fingerprintProblem("0123456789abcdef0123456789abcdef")).toMatch(/must name its hash/);
  });

  it("recognises common secret shapes", () => {
    for (const secret of ["sk-proj-abcdefghijklmnopqrstuv", "ghp_abcdefghijklmnopqrstuvwxyz0123", "xoxb-1234567890-abcdef", "AKIAIOSFODNN7EXAMPLE", "-----BEGIN RSA PRIVATE KEY-----"]) {
      expect(looksLikeSecret(secret), secret).toBe(true);
    }
    expect(looksLikeSecret("zendesk-api-token")).toBe(false);
    expect(looksLikeSecret("skeleton-key-store")).toBe(false);
  });

  it("empties a pasted secret in the form before it goes anywhere", () => {
    expect(screenIdentifier("lastFour", "7Qx")).toEqual({ value: "7Qx" });
    expect(screenIdentifier("lastFour", "sk-live-0123456789")).toEqual({ value: "", problem: PASTED_SECRET_CLEARED });
    expect(screenIdentifier("fingerprint", "SHA256:9f2c")).toEqual({ value: "SHA256:9f2c" });
    expect(screenIdentifier("fingerprint", "ghp_abcdefghijklmnopqrstuvwxyz0123").value).toBe("");
  });

  it("shows the last four masked, else the fingerprint", () => {
    expect(credentialIdentifier({ lastFour: "7Qx2", fingerprint: "SHA256:x" })).toBe("••••7Qx2");
    expect(credentialIdentifier({ lastFour: null, fingerprint: "SHA256:x" })).toBe("SHA256:x");
  });
});

describe("credentialHealth", () => {
  const now = new Date("2026-06-01T00:00:00.000Z");
  it("counts the rotation policy from the last rotation, else from issue", () => {
    const fresh = credentialHealth({ issuedAt: new Date("2026-01-01T00:00:00Z"), lastRotatedAt: new Date("2026-05-01T00:00:00Z"), expiresAt: null, rotationPolicyDays: 90 }, now);
    expect(fresh).toEqual({ expired: false, rotationDueAt: new Date("2026-07-30T00:00:00.000Z"), rotationOverdue: false });
    const stale = credentialHealth({ issuedAt: new Date("2026-01-01T00:00:00Z"), lastRotatedAt: null, expiresAt: new Date("2026-05-31T00:00:00Z"), rotationPolicyDays: 90 }, now);
    expect(stale).toMatchObject({ expired: true, rotationOverdue: true });
  });
});
