import { describe, expect, it } from "vitest";
import { pgPool, prisma } from "./client";

// Many different queries at once through the shared pool, each with its own parameters, must each
// get their own answer — on PostgreSQL, and on the embedded PGlite, whose socket server interleaves
// the protocol messages of concurrent connections (one query's Bind could meet another's Parse):
// hence one connection to it (lib/db/client.ts). Two shapes of statement, with their parameters in
// opposite orders, so a parameter bound to the wrong statement shows, and a large one, so each
// query's messages arrive in several reads as an ingest batch's do.

const expected = (i: number) => ({ n: i, t: `v${i}`, l: PADDING.length });
const PADDING = "x".repeat(256 * 1024);

describe("the shared pool", () => {
  it("answers concurrent parameterized queries with their own parameters", async () => {
    const values = Array.from({ length: 60 }, (_, i) => i);
    const viaPg = await Promise.all(
      values.map(async (i) => {
        const { rows } =
          i % 2 === 0
            ? await pgPool().query<{ n: number; t: string; l: number }>("SELECT $1::int AS n, $2::text AS t, length($3::text) AS l", [i, `v${i}`, PADDING])
            : await pgPool().query<{ n: number; t: string; l: number }>("SELECT $3::int AS n, $1::text AS t, length($2::text) AS l", [`v${i}`, PADDING, i]);
        return rows[0];
      }),
    );
    expect(viaPg).toEqual(values.map(expected));
    const viaPrisma = await Promise.all(
      values.map(async (i) => {
        const rows =
          i % 2 === 0
            ? await prisma().$queryRaw<{ n: number; t: string; l: number }[]>`SELECT ${i}::int AS n, ${`v${i}`}::text AS t, length(${PADDING}::text) AS l`
            : await prisma().$queryRaw<{ t: string; l: number; n: number }[]>`SELECT ${`v${i}`}::text AS t, length(${PADDING}::text) AS l, ${i}::int AS n`;
        return { n: rows[0]!.n, t: rows[0]!.t, l: rows[0]!.l };
      }),
    );
    expect(viaPrisma).toEqual(values.map(expected));
  });
});
