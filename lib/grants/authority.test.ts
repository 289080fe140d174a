import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { canDecideGrant, canRevokeGrant, decideRefusal } from "./authority";

const person = (id: string, role: Role): Actor => ({ type: "user", id, email: `${id}@x.example`, name: id, role });
const context = { requestedById: "requester", workflow: { ownerId: "owner", approverIds: ["approver"] } };

describe("who may decide a grant request", () => {
  it("lets the workflow's owner, a designated approver and an admin decide", () => {
    expect(canDecideGrant(person("owner", "owner"), context)).toBe(true);
    expect(canDecideGrant(person("approver", "reviewer"), context)).toBe(true);
    expect(canDecideGrant(person("someone", "admin"), context)).toBe(true);
  });

  it("never lets the requester decide, whatever their role or relation to the workflow", () => {
    for (const role of ["admin", "owner", "reviewer"] as const) {
      expect(decideRefusal(person("requester", role), context)).toMatch(/separation of duties/);
      expect(decideRefusal(person("owner", role), { ...context, requestedById: "owner" })).toMatch(/separation of duties/);
    }
  });

  it("refuses owners and reviewers who answer for other workflows", () => {
    expect(decideRefusal(person("other", "owner"), context)).toMatch(/owner, a designated approver or an admin/);
    expect(canDecideGrant(person("other", "reviewer"), context)).toBe(false);
  });

  it("refuses a designated approver whose role cannot decide", () => {
    expect(canDecideGrant(person("approver", "analyst"), context)).toBe(false);
    expect(canDecideGrant(person("approver", "auditor"), context)).toBe(false);
  });

  it("refuses machines and Warden itself", () => {
    expect(canDecideGrant({ type: "token", id: "t", name: "gateway", scopes: ["grant:decide"] }, context)).toBe(false);
    expect(canDecideGrant({ type: "system", id: null, name: "warden" }, context)).toBe(false);
  });
});

describe("who may revoke a grant", () => {
  it("lets the workflow's owner, any reviewer and any admin revoke", () => {
    expect(canRevokeGrant(person("owner", "owner"), context)).toBe(true);
    expect(canRevokeGrant(person("anyone", "reviewer"), context)).toBe(true);
    expect(canRevokeGrant(person("anyone", "admin"), context)).toBe(true);
  });

  it("refuses other owners, analysts and auditors", () => {
    expect(canRevokeGrant(person("other", "owner"), context)).toBe(false);
    expect(canRevokeGrant(person("owner", "analyst"), context)).toBe(false);
    expect(canRevokeGrant(person("owner", "auditor"), context)).toBe(false);
  });
});
