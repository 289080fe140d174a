import type { PrismaClient } from "@/lib/db/client";

const BATCH = 100_000;

/**
 * Adds `count` synthetic gateway interactions (for benchmarks), spread over the last 30 days and
 * over the existing workflows, generated inside the database (no round trip per row).
 * Roughly 1 in 50 is flagged and gets a finding.
 */
export async function seedInteractions(db: PrismaClient, count: number, log: (line: string) => void = () => {}): Promise<void> {
  const workflows = await db.workflow.findMany({ select: { id: true } });
  const ids = workflows.map((w) => w.id);
  if (ids.length === 0) throw new Error("Seed the demo data first: volume interactions belong to workflows.");
  for (let done = 0; done < count; done += BATCH) {
    const size = Math.min(BATCH, count - done);
    // One statement per batch: the flagged rows' findings come from the INSERT's own RETURNING,
    // so the interactions table is never re-read.
    await db.$executeRawUnsafe(
      `WITH inserted AS (
         INSERT INTO interactions (id, source, external_id, workflow_id, occurred_at, model, provider, end_user, prompt, response, verdict, tokens_in, tokens_out, latency_ms)
         SELECT gen_random_uuid(), 'bench', 'bench-' || $1::bigint + g, ($2::uuid[])[1 + (g % array_length($2::uuid[], 1))],
                now() - (random() * interval '30 days'),
                (ARRAY['gpt-4o','claude-sonnet-4','gemini-2.5-pro','gpt-4o-mini'])[1 + (g % 4)],
                (ARRAY['OpenAI','Anthropic','Google','OpenAI'])[1 + (g % 4)],
                'user-' || (g % 5000),
                (ARRAY['Summarise ticket #' || g || ' for the customer', 'What were net revenues for week ' || (g % 52) || '?', 'Review pull request ' || g || ' for security issues', 'How many leave days do I have left?'])[1 + (g % 4)],
                'OK', CASE WHEN g % 50 = 0 THEN 'flagged'::"InteractionVerdict" ELSE 'allowed'::"InteractionVerdict" END,
                100 + (g % 900), 20 + (g % 400), 200 + (g % 3000)
         FROM generate_series(1, $3::int) AS g
         RETURNING id, verdict
       )
       INSERT INTO interaction_findings (id, interaction_id, detector, category, severity, explanation)
       SELECT gen_random_uuid(), id, 'bench', 'prompt_injection', 'medium', 'Synthetic finding for benchmarks.'
       FROM inserted WHERE verdict = 'flagged'`,
      done,
      ids,
      size,
    );
    log(`interactions: ${done + size}/${count}`);
  }
}
