import { once } from "node:events";
import type { Writable } from "node:stream";
import type pg from "pg";
import { isEmbeddedUrl } from "./embedded-url";

// Bulk inserts for the ingestion hot path: a table's rows go to PostgreSQL in one statement, as
// `COPY … FROM STDIN` where the engine takes it — measured at about half the server time of the
// alternative for a batch of interactions — and otherwise (embedded PGlite, whose socket server has no
// COPY FROM STDIN) as one JSON parameter that `jsonb_to_recordset` unpacks. Either way one round trip
// per table per batch, with rows given once, as values in column order.

export type ColumnType = "uuid" | "timestamptz" | "text" | "jsonb" | "int" | "double precision" | "text[]" | "uuid[]" | `"${string}"`;

export interface BulkTable {
  name: string;
  columns: readonly (readonly [name: string, type: ColumnType])[];
}

/** One row: a value per column, in the table's column order. Objects go to jsonb columns, arrays to [] columns. */
export type BulkRow = unknown[];

type Client = pg.ClientBase;

/** Whether this database takes COPY … FROM STDIN: every PostgreSQL server, not the embedded engine. */
export function copySupported(connectionString: string | undefined = process.env.DATABASE_URL): boolean {
  return connectionString !== undefined && !isEmbeddedUrl(connectionString);
}

/** Inserts the rows. */
export async function insertRows(client: Client, table: BulkTable, rows: BulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (copySupported()) await copyFrom(client, copySql(table), [copyText(table, rows)]);
  else await client.query(recordsetInsertSql(table), [recordsetJson(table, rows)]);
}

/**
 * Inserts the rows, skipping those that conflict on `conflict` (a unique index's columns); answers the
 * `returning` column of the rows written. With COPY, the rows go straight in and, should one already
 * be there (a batch sent again, or the same event in two batches at once), that attempt is rolled back
 * to a savepoint and the batch goes through INSERT … ON CONFLICT DO NOTHING instead: a repeat costs a
 * second pass, a new batch — the usual case — none.
 */
export async function insertRowsSkippingConflicts(client: Client, table: BulkTable, rows: BulkRow[], conflict: string, returning: string): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const returnedAt = table.columns.findIndex(([name]) => name === returning);
  if (returnedAt === -1) throw new Error(`${table.name} has no column ${returning}`);
  if (copySupported()) {
    await client.query("SAVEPOINT bulk_copy");
    try {
      await copyFrom(client, copySql(table), [copyText(table, rows)]);
      await client.query("RELEASE SAVEPOINT bulk_copy");
      return new Set(rows.map((row) => String(row[returnedAt])));
    } catch (error) {
      if ((error as { code?: unknown }).code !== UNIQUE_VIOLATION) throw error;
      await client.query("ROLLBACK TO SAVEPOINT bulk_copy");
    }
  }
  const { rows: written } = await client.query<{ value: string }>(`${recordsetInsertSql(table)} ON CONFLICT ${conflict} DO NOTHING RETURNING ${returning}::text AS value`, [recordsetJson(table, rows)]);
  return new Set(written.map((row) => row.value));
}

const UNIQUE_VIOLATION = "23505";

const columnList = (table: BulkTable) => table.columns.map(([name]) => name).join(", ");
/** The COPY … FROM STDIN statement for the table's columns. */
export const copySql = (table: BulkTable) => `COPY ${table.name} (${columnList(table)}) FROM STDIN`;

// ---------------------------------------------------------------------------------------------------
// jsonb_to_recordset: rows as one JSON array of objects. jsonb rather than json: the text is parsed
// once, and jsonb columns are taken from it without a second parse.

function recordsetInsertSql(table: BulkTable): string {
  const list = columnList(table);
  const types = table.columns.map(([name, type]) => `${name} ${type}`).join(", ");
  return `INSERT INTO ${table.name} (${list}) SELECT ${list} FROM jsonb_to_recordset($1::jsonb) AS r(${types})`;
}

function recordsetJson(table: BulkTable, rows: BulkRow[]): string {
  const names = table.columns.map(([name]) => name);
  return JSON.stringify(
    rows.map((row) => {
      const record: Record<string, unknown> = {};
      names.forEach((name, i) => (record[name] = row[i] ?? null));
      return record;
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// COPY's text format: one line a row, tab between values, \N for null, and backslash, tab, newline and
// carriage return escaped. https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** A text value for COPY: `\N` for null, specials escaped. */
function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  const text = String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

/** An array literal ({"a","b"}) for a text[] or uuid[] column: every element quoted, quotes and backslashes escaped. */
function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((value) => (value === null ? "NULL" : `"${value.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

function copyField(type: ColumnType, value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (type === "jsonb") return copyValue(JSON.stringify(value));
  if (type === "text[]" || type === "uuid[]") return copyValue(arrayLiteral(value as (string | null)[]));
  return copyValue(value as string | number | boolean);
}

/** The rows in COPY's text format, ready for copyFrom. */
export function copyText(table: BulkTable, rows: BulkRow[]): Buffer {
  const types = table.columns.map(([, type]) => type);
  let text = "";
  for (const row of rows) {
    for (let i = 0; i < types.length; i++) text += (i === 0 ? "" : "\t") + copyField(types[i]!, row[i]);
    text += "\n";
  }
  return Buffer.from(text);
}

// ---------------------------------------------------------------------------------------------------
// COPY … FROM STDIN over node-postgres, without pg-copy-streams: pg hands a query object the
// CopyInResponse, and the connection can send CopyData / CopyDone itself. Respects the socket's
// backpressure, so a caller streaming chunks holds one at a time.

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: Writable;
}

/** Runs `sql` (a COPY … FROM STDIN) with the chunks as its data; resolves with the rows copied. */
export function copyFrom(client: Client, sql: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failed: Error | null = null;
    const query = {
      text: sql,
      submit(connection: PgConnection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: PgConnection) {
        void (async () => {
          try {
            for await (const chunk of chunks) {
              connection.sendCopyFromChunk(chunk);
              if (connection.stream.writableNeedDrain) await once(connection.stream, "drain");
            }
            connection.endCopyFrom();
          } catch (error) {
            connection.sendCopyFail(error instanceof Error ? error.message : String(error));
          }
        })();
      },
      handleCommandComplete(message: { text?: string }) {
        rows = Number(/^COPY (\d+)/.exec(message.text ?? "")?.[1] ?? 0);
      },
      // After an ErrorResponse the client drops this query and never calls handleReadyForQuery.
      handleError(error: Error) {
        failed = error;
        reject(error);
      },
      handleReadyForQuery() {
        if (!failed) resolve(rows);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyData() {},
    };
    client.query(query as unknown as pg.QueryConfig);
  });
}
