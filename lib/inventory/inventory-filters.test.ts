import { describe, expect, it } from "vitest";
import { filtersToQuery, firstValues, inventoryFilters } from "./inventory-filters";

describe("inventory filters", () => {
  it("reads the URL's filters, treating empty fields as not set", () => {
    const parsed = inventoryFilters.parse({ q: "  slack ", type: "credential", environment: "", owner: "orphaned", status: "" });
    expect(parsed).toEqual({ q: "slack", type: "credential", owner: "orphaned" });
  });

  it("names the filter that is not understood", () => {
    const result = inventoryFilters.safeParse({ type: "robot", owner: "bob" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["type", "Type must be one of: workflow, connector, credential."],
      ["owner", 'Owner must be a person\'s id or "orphaned".'],
    ]);
  });

  it("writes a query string without empty filters, in a stable order", () => {
    expect(filtersToQuery({ status: "active", q: "copilot & co", type: "", owner: undefined })).toBe("?q=copilot+%26+co&status=active");
    expect(filtersToQuery({})).toBe("");
  });

  it("takes the first value of a repeated search parameter", () => {
    expect(firstValues({ type: ["workflow", "connector"], q: "x", missing: undefined })).toEqual({ type: "workflow", q: "x" });
  });
});
