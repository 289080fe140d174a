"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { discardQuarantinedAction, replayQuarantinedAction } from "@/app/(console)/ingest/quarantine/actions";
import { Button, errorFor, Field, FormAlert, FormSuccess, inputClassName, SelectField, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import type { IngestSource } from "@/lib/ingest/event";
import { QuarantineErrorList } from "./quarantine-parts";

// Fixing a quarantined record: edit its JSON and/or read it as another format ("fix the mapping"),
// then replay it through ingestion; or discard it. The server answers with what was stored and any
// errors left, which are shown here as well as on the page.

export function QuarantineEditor({
  id,
  record,
  source,
  formats,
  editable,
  maxChars,
}: {
  id: string;
  /** The record pretty-printed, secrets masked. */
  record: string;
  source: string;
  formats: readonly string[];
  /** False when the record is too long to send back edited: it can still be replayed as stored. */
  editable: boolean;
  maxChars: number;
}) {
  const router = useRouter();
  const [text, setText] = useState(record);
  const [format, setFormat] = useState(source);
  const [reason, setReason] = useState("");
  const replay = useActionMutation(replayQuarantinedAction, () => router.refresh());
  const discard = useActionMutation(discardQuarantinedAction, () => router.refresh());
  const edited = editable && text !== record;

  function onReplay(event: FormEvent) {
    event.preventDefault();
    discard.reset();
    replay.run({ id, format: format as IngestSource, ...(edited ? { record: text } : {}) });
  }

  const result = replay.data;
  return (
    <form onSubmit={onReplay} noValidate className="space-y-4" aria-label="Fix and replay">
      <FormAlert messages={[replay.formError, discard.formError]} />
      {result?.status === "replayed" && (
        <FormSuccess>
          Replayed: {result.stored} interaction{result.stored === 1 ? "" : "s"} stored{result.duplicate > 0 ? `, ${result.duplicate} already stored before` : ""}.
        </FormSuccess>
      )}
      {result?.status === "open" && (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="mb-1 font-medium">
            Still not readable{result.stored + result.duplicate > 0 ? ` (its good parts were stored: ${result.stored} new, ${result.duplicate} already there)` : ""}. The record stays open with these errors:
          </p>
          <QuarantineErrorList errors={result.errors} label="Errors after the replay" />
        </div>
      )}
      {editable ? (
        <Field
          name="record"
          label="Record (JSON)"
          hint={`Fix the fields named in the errors, then replay. Secrets were masked when the record was kept. At most ${maxChars.toLocaleString("en")} characters.`}
          error={errorFor(replay.fieldErrors, "record")}
        >
          {(control) => <textarea {...control} value={text} onChange={(e) => setText(e.target.value)} rows={Math.min(30, Math.max(8, record.split("\n").length + 1))} spellCheck={false} className={`${inputClassName} font-mono text-xs`} />}
        </Field>
      ) : (
        <p className="text-sm text-slate-600">This record is too long to edit here; it can be replayed as stored, read as another format, or discarded (and sent again fixed).</p>
      )}
      <div className="max-w-xs">
        <SelectField
          name="format"
          label="Read as format"
          hint="Another format reinterprets the same record: for records sent to the wrong endpoint."
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          error={errorFor(replay.fieldErrors, "format")}
          options={formats.map((f) => ({ value: f, label: f }))}
        />
      </div>
      <div className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
        <Button type="submit" pending={replay.pending} pendingText="Replaying…">
          Replay
        </Button>
        <div className="ml-auto flex flex-wrap items-end gap-3">
          <div className="w-72">
            <TextField name="discardReason" label="Reason to discard (optional)" value={reason} onChange={(e) => setReason(e.target.value)} error={errorFor(discard.fieldErrors, "reason")} />
          </div>
          <Button
            tone="danger"
            pending={discard.pending}
            pendingText="Discarding…"
            onClick={() => {
              if (window.confirm("Discard this record? It stays in the quarantine marked discarded, and nothing from it is stored.")) {
                replay.reset();
                discard.run({ id, reason });
              }
            }}
          >
            Discard
          </Button>
        </div>
      </div>
    </form>
  );
}
