import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it("leaves plain text alone and quotes commas, quotes and line breaks", () => {
    expect(csvCell("Support Copilot")).toBe("Support Copilot");
    expect(csvCell("read, write")).toBe('"read, write"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("carriage\rreturn")).toBe('"carriage\rreturn"');
  });

  it("writes empty cells for null and undefined, ISO for dates, '; ' between list items", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(new Date("2026-03-01T10:00:00.000Z"))).toBe("2026-03-01T10:00:00.000Z");
    expect(csvCell(["read", "write"])).toBe("read; write");
    expect(csvCell(90)).toBe("90");
    expect(csvCell(false)).toBe("false");
  });

  it("turns text a spreadsheet would run as a formula into plain text", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+SUM(A1)")).toBe("'+SUM(A1)");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(["=evil"])).toBe("'=evil");
    expect(csvCell(-5)).toBe("-5");
  });
});

describe("toCsv", () => {
  it("writes a header and CRLF-terminated rows", () => {
    const csv = toCsv(
      [
        { header: "name", value: (r: { name: string; n: number }) => r.name },
        { header: "count, total", value: (r: { name: string; n: number }) => r.n },
      ],
      [
        { name: "a", n: 1 },
        { name: "b,c", n: 2 },
      ],
    );
    expect(csv).toBe('name,"count, total"\r\na,1\r\n"b,c",2\r\n');
  });

  it("writes only the header for no rows", () => {
    expect(toCsv([{ header: "name", value: () => "" }], [])).toBe("name\r\n");
  });
});
