import { env } from "@/lib/env";

// The retention windows in one place: what ingest keeps and what the purge (lib/ingest/retention.ts) drops.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Text (prompts, responses, tool input/output) of interactions before this instant is not kept. */
export function textCutoff(now: Date): Date {
  return new Date(now.getTime() - env().TEXT_RETENTION_DAYS * DAY_MS);
}

/** Interactions, findings and triage items before this instant are not kept. */
export function metadataCutoff(now: Date): Date {
  return new Date(now.getTime() - env().METADATA_RETENTION_DAYS * DAY_MS);
}
