import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copySupported, insertRows, insertRowsSkippingConflicts, type BulkTable } from "./bulk-write";
import { pgPool, withPgTransaction } from "./client";

// Bulk inserts must store every value exactly as given, whichever way the rows travel: COPY's text
// format on PostgreSQL (escapes for backslash, tab, newline; array literals; JSON with its own
// backslashes) and jsonb_to_recordset on the embedded engine. And a batch that meets rows already
// there must store the rest and say which it wrote.

const TABLE: BulkTable = {
  name: "bulk_write_probe",
  columns: [["id", "uuid"], ["at", "timestamptz"], ["label", "text"], ["doc", "jsonb"], ["tags", "text[]"], ["refs", "uuid[]"], ["n", "int"], ["ms", "double precision"], ["severity", '"Severity"']],
};

const NASTY = 'tab\there, newline\nthere, cr\r, backslash \\ and \\N, quote " and \' , braces {a,b}, comma, NULL, ünïcödé 🔑';
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
const row = (i: number) => [
  uuid(i),
  "2026-12-01T10:00:00.123Z",
  `${NASTY} #${i}`,
  { text: NASTY, nested: { list: [1, "two", null, { "k\\ey": "\\\\" }] }, escaped: "line\\nnot a newline" },
  [NASTY, "", "NULL", "plain"],
  [uuid(i + 1000)],
  i,
  1.25,
  "high",
];

beforeAll(async () => {
  await pgPool().query(
    `CREATE TABLE IF NOT EXISTS bulk_write_probe (id uuid PRIMARY KEY, at timestamptz NOT NULL, label text, doc jsonb, tags text[], refs uuid[], n int, ms double precision, severity "Severity")`,
  );
  await pgPool().query("TRUNCATE bulk_write_probe");
});

afterAll(async () => {
  await pgPool().query("DROP TABLE IF EXISTS bulk_write_probe");
});

describe("bulk inserts", () => {
  it(`store every value as given (${copySupported() ? "COPY" : "jsonb_to_recordset"})`, async () => {
    await withPgTransaction((tx) => insertRows(tx, TABLE, [row(1), row(2), [uuid(3), "2026-12-01T10:00:00.000Z", null, null, null, null, null, null, null]]));
    const { rows } = await pgPool().query("SELECT id, at, label, doc, tags, refs, n, ms, severity::text FROM bulk_write_probe ORDER BY id");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      id: uuid(1),
      at: new Date("2026-12-01T10:00:00.123Z"),
      label: `${NASTY} #1`,
      doc: row(1)[3],
      tags: [NASTY, "", "NULL", "plain"],
      refs: [uuid(1001)],
      n: 1,
      ms: 1.25,
      severity: "high",
    });
    expect(rows[2]).toEqual({ id: uuid(3), at: new Date("2026-12-01T10:00:00.000Z"), label: null, doc: null, tags: null, refs: null, n: null, ms: null, severity: null });
  });

  it("skip rows already there, store the rest, and answer which were written", async () => {
    await pgPool().query("TRUNCATE bulk_write_probe");
    await withPgTransaction((tx) => insertRows(tx, TABLE, [row(1), row(2)]));
    const written = await withPgTransaction((tx) => insertRowsSkippingConflicts(tx, TABLE, [row(1), row(3), row(2), row(4)], "(id)", "id"));
    expect([...written].sort()).toEqual([uuid(3), uuid(4)]);
    const fresh = await withPgTransaction((tx) => insertRowsSkippingConflicts(tx, TABLE, [row(5)], "(id)", "id"));
    expect([...fresh]).toEqual([uuid(5)]);
    const { rows } = await pgPool().query<{ id: string }>("SELECT id FROM bulk_write_probe ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5].map(uuid));
  });

  it("leave the transaction usable after a conflict, for the writes that follow it", async () => {
    await pgPool().query("TRUNCATE bulk_write_probe");
    await withPgTransaction((tx) => insertRows(tx, TABLE, [row(1)]));
    await withPgTransaction(async (tx) => {
      await insertRowsSkippingConflicts(tx, TABLE, [row(1), row(2)], "(id)", "id");
      await insertRows(tx, TABLE, [row(3)]);
    });
    const { rows } = await pgPool().query<{ id: string }>("SELECT id FROM bulk_write_probe ORDER BY id");
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3].map(uuid));
  });
});
