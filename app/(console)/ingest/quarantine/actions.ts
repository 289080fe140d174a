"use server";

import { defineAction } from "@/lib/http/action";
import { discardInput, discardQuarantined } from "@/lib/ingest/quarantine/discard";
import { replayInput, replayQuarantined } from "@/lib/ingest/quarantine/replay";
import { replayOpenInput, replayOpenRecords } from "@/lib/ingest/quarantine/replay-open";

// Fixing what ingestion could not read: replay a quarantined record (as stored, edited, or read as
// another format), replay every open record of a source, or discard one. Admins only (ingest:manage).

export const replayQuarantinedAction = defineAction({
  name: "ingest.quarantine.replay",
  permission: "ingest:manage",
  input: replayInput,
  handler: ({ actor, input, requestId }) => replayQuarantined(actor, input, requestId),
});

export const replayOpenRecordsAction = defineAction({
  name: "ingest.quarantine.replay_open",
  permission: "ingest:manage",
  input: replayOpenInput,
  handler: ({ actor, input, requestId }) => replayOpenRecords(actor, input, requestId),
});

export const discardQuarantinedAction = defineAction({
  name: "ingest.quarantine.discard",
  permission: "ingest:manage",
  input: discardInput,
  handler: ({ actor, input, requestId }) => discardQuarantined(actor, input, requestId),
});
