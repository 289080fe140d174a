"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { replayOpenRecordsAction } from "@/app/(console)/ingest/quarantine/actions";
import { Button, FormAlert, FormSuccess, SelectField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import type { IngestSource } from "@/lib/ingest/event";

/** "Replay every open record of source X, read as format Y." */
export function ReplayOpenForm({ openBySource, formats }: { openBySource: { source: string; open: number }[]; formats: readonly string[] }) {
  const router = useRouter();
  const [source, setSource] = useState(openBySource[0]?.source ?? "");
  const [format, setFormat] = useState<string>(openBySource[0]?.source ?? "generic");
  const replay = useActionMutation(replayOpenRecordsAction, () => router.refresh());
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (window.confirm(`Replay every open record from ${source}, read as ${format}?`)) replay.run({ source: source as IngestSource, format: format as IngestSource });
  }
  const result = replay.data;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Replay open records of a source">
      <FormAlert messages={[replay.formError]} />
      {result && (
        <FormSuccess>
          Replayed {result.replayed} of {result.attempted} record{result.attempted === 1 ? "" : "s"} ({result.events} new interaction{result.events === 1 ? "" : "s"} stored)
          {result.stillOpen > 0 ? `; ${result.stillOpen} still ha${result.stillOpen === 1 ? "s" : "ve"} errors` : ""}. {result.openAfter} open record{result.openAfter === 1 ? "" : "s"} of {source} left.
        </FormSuccess>
      )}
      <div className="flex flex-wrap items-end gap-4">
        <SelectField
          name="replaySource"
          label="Open records from"
          value={source}
          onChange={(e) => setSource(e.target.value)}
          options={openBySource.map((s) => ({ value: s.source, label: `${s.source} (${s.open} open)` }))}
        />
        <SelectField name="replayFormat" label="Read them as" value={format} onChange={(e) => setFormat(e.target.value)} options={formats.map((f) => ({ value: f, label: f }))} />
        <Button type="submit" tone="secondary" pending={replay.pending} pendingText="Replaying…">
          Replay all open
        </Button>
      </div>
      <p className="text-xs text-slate-500">Records that still have errors stay open with their new errors; records already stored are not stored twice.</p>
    </form>
  );
}
