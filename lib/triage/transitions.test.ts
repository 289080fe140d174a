import { describe, expect, it } from "vitest";
import { canMove, reasonRequired, refusalFor } from "./transitions";

describe("triage status transitions", () => {
  it("lets a new item go to review or straight to a decision", () => {
    for (const to of ["in_review", "escalated", "false_positive", "resolved"] as const) expect(canMove("new", to)).toBe(true);
  });

  it("never returns an item to new", () => {
    for (const from of ["in_review", "escalated", "false_positive", "resolved"] as const) expect(canMove(from, "new")).toBe(false);
  });

  it("reopens a closed item only into review", () => {
    expect(canMove("false_positive", "in_review")).toBe(true);
    expect(canMove("false_positive", "resolved")).toBe(false);
    expect(refusalFor("resolved", "escalated")).toBe("Resolved cannot become Escalated. Reopen it (In review) first.");
  });

  it("refuses a move to the status the item already has", () => {
    expect(refusalFor("escalated", "escalated")).toBe("It is already Escalated.");
  });

  it("asks for a reason for every move but starting a review", () => {
    expect(reasonRequired("new", "in_review")).toBe(false);
    expect(reasonRequired("new", "false_positive")).toBe(true);
    expect(reasonRequired("resolved", "in_review")).toBe(true);
  });
});
