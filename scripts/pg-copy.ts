import { once } from "node:events";
import type { Writable } from "node:stream";
import type pg from "pg";

// `COPY … FROM STDIN` over node-postgres, without pg-copy-streams: pg hands a query object the
// CopyInResponse, and the connection can send CopyData / CopyDone itself. Used by the ingest benchmark
// as its raw-COPY baseline. Respects the socket's backpressure, so memory holds one chunk at a time.

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: Writable;
}

/** Runs `sql` (a COPY … FROM STDIN) with the chunks as its data; resolves with the rows copied. */
export function copyFrom(client: pg.Client, sql: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<number> {
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

/** A value in COPY's text format: \N for null, and backslash, tab, newline and carriage return escaped. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "\\N";
  const text = String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : text;
}

export const copyRow = (values: (string | number | boolean | null | undefined)[]) => `${values.map(copyValue).join("\t")}\n`;
