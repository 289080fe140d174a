import { describe, expect, it } from "vitest";
import { ENCODED_RUNS, KeywordIndex, keywordWindows } from "./keywords";

describe("KeywordIndex", () => {
  const index = new KeywordIndex(["sk-", "sk-ant-", "act as", "ignore", "aiza"]);

  it("finds keywords at word starts with their positions, including ones inside a longer keyword", () => {
    const hits = index.find("please act as a judge. key sk-ant-xyz");
    expect(hits.get("act as")).toEqual([7]);
    expect(hits.get("sk-ant-")).toEqual([27]);
    expect(hits.get("sk-")).toEqual([27]);
  });

  it("ignores keywords in the middle of a word", () => {
    expect(index.find("react asap; unignored").size).toBe(0);
  });

  it("records long base64-like runs, even when a keyword starts them", () => {
    const text = "x aizasyd9tsrke72pouqmnmxa7ezsw0jkfmbwy y";
    const hits = index.find(text);
    expect(hits.get("aiza")).toEqual([2]);
    expect(hits.get(ENCODED_RUNS)).toEqual([2]);
  });

  it("merges windows around positions and gives up when they would cover most of the text", () => {
    const hits = new Map([["ignore", [100, 150, 900]]]);
    expect(keywordWindows(hits, ["ignore"], 50, 2000)).toEqual([
      [50, 200],
      [850, 950],
    ]);
    expect(keywordWindows(hits, ["ignore"], 500, 2000)).toBeNull();
  });
});
