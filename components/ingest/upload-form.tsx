"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { Button, FormAlert, inputClassName, secondaryButtonClassName } from "@/components/forms/form-controls";
import { UploadSummary, type UploadResult } from "./upload-summary";

// Uploads a JSONL / NDJSON log export: the File goes to /api/ingest/upload as the request body as it
// is (never read into memory here), with a real progress bar over the bytes sent (XHR upload
// progress). The server ingests it in batches as it arrives and answers with a summary.

type State =
  | { phase: "idle" }
  | { phase: "uploading"; sent: number; total: number }
  | { phase: "processing"; total: number }
  | { phase: "done"; result: UploadResult }
  | { phase: "failed"; message: string; partial?: UploadResult };

const FORMATS = [
  { value: "litellm", label: "LiteLLM (StandardLoggingPayload)" },
  { value: "otlp", label: "OpenTelemetry (OTLP/HTTP JSON, one export a line)" },
  { value: "portkey", label: "Portkey logs" },
  { value: "generic", label: "Generic JSON event" },
] as const;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function UploadForm() {
  const router = useRouter();
  const fileId = useId();
  const formatId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<string>("litellm");
  const [state, setState] = useState<State>({ phase: "idle" });
  const xhr = useRef<XMLHttpRequest | null>(null);
  const busy = state.phase === "uploading" || state.phase === "processing";

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file || busy) return;
    const request = new XMLHttpRequest();
    xhr.current = request;
    request.open("POST", `/api/ingest/upload?format=${encodeURIComponent(format)}&label=${encodeURIComponent(file.name)}`);
    request.setRequestHeader("content-type", "application/x-ndjson");
    request.responseType = "json";
    request.upload.onprogress = (progress) => {
      setState({ phase: "uploading", sent: progress.loaded, total: progress.lengthComputable ? progress.total : file.size });
    };
    request.upload.onload = () => setState({ phase: "processing", total: file.size });
    request.onload = () => {
      xhr.current = null;
      const body = request.response as (UploadResult & { title?: string }) | null;
      if (request.status === 200 && body) {
        setState({ phase: "done", result: body });
        // The per-source counts on this page include the new batches.
        router.refresh();
      } else {
        setState({ phase: "failed", message: body?.title ?? `The upload failed (HTTP ${request.status}).`, partial: body && typeof body.batches === "number" && body.batches > 0 ? body : undefined });
        router.refresh();
      }
    };
    request.onerror = () => {
      xhr.current = null;
      setState({ phase: "failed", message: "The connection was lost during the upload. Batches stored before it are kept; uploading the file again is safe (stored events are recognised as duplicates)." });
      router.refresh();
    };
    request.onabort = () => {
      xhr.current = null;
      setState({ phase: "failed", message: "Upload cancelled. Batches stored before the cancel are kept; uploading the file again is safe." });
      router.refresh();
    };
    setState({ phase: "uploading", sent: 0, total: file.size });
    // The File itself: the browser streams it from disk.
    request.send(file);
  }

  const percent = state.phase === "uploading" ? (state.total > 0 ? Math.round((state.sent / state.total) * 100) : 0) : state.phase === "processing" || state.phase === "done" ? 100 : 0;

  return (
    <div className="space-y-4">
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-[1fr_16rem_auto] sm:items-end" aria-describedby={`${fileId}-hint`}>
        <div>
          <label htmlFor={fileId} className="block text-sm font-medium text-slate-700">
            Log file
          </label>
          <input
            id={fileId}
            name="file"
            type="file"
            required
            accept=".jsonl,.ndjson,.json,.log,.txt,application/json,application/x-ndjson"
            disabled={busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-200"
          />
        </div>
        <div>
          <label htmlFor={formatId} className="block text-sm font-medium text-slate-700">
            Format
          </label>
          <select id={formatId} name="format" value={format} disabled={busy} onChange={(e) => setFormat(e.target.value)} className={`${inputClassName} mt-1`}>
            {FORMATS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <Button type="submit" pending={busy} pendingText="Uploading…">
            Upload
          </Button>
          {busy && (
            <button type="button" className={secondaryButtonClassName} onClick={() => xhr.current?.abort()}>
              Cancel
            </button>
          )}
        </div>
      </form>
      <p id={`${fileId}-hint`} className="text-xs text-slate-500">
        JSONL / NDJSON, one record a line (or one JSON array up to 16 MB), any size: the file is streamed and stored in batches of 1,000 as it arrives. For very large files from a server, <code>npm run ingest</code> does the same from the command line.
      </p>

      {state.phase !== "idle" && state.phase !== "failed" && (
        <div className="space-y-1">
          <progress className="h-2 w-full overflow-hidden rounded [&::-moz-progress-bar]:bg-indigo-600 [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-indigo-600" max={100} value={percent} aria-label="Upload progress" />
          <p className="text-xs text-slate-600" role="status" data-testid="upload-progress">
            {state.phase === "uploading" && `${percent}% · ${megabytes(state.sent)} of ${megabytes(state.total)} sent`}
            {state.phase === "processing" && `${megabytes(state.total)} sent · storing the last batches…`}
            {state.phase === "done" && `${megabytes(state.result.bytes)} uploaded and stored.`}
          </p>
        </div>
      )}

      {state.phase === "failed" && (
        <>
          <FormAlert messages={[state.message]} />
          {state.partial && <UploadSummary result={state.partial} heading="Stored before it stopped" />}
        </>
      )}
      {state.phase === "done" && <UploadSummary result={state.result} heading={`Result for ${state.result.label ?? "the upload"}`} />}
      {state.phase === "done" && state.result.quarantined > 0 && (
        <p className="text-sm">
          <Link href="/ingest/quarantine" className="font-medium text-indigo-700 hover:underline">
            Review the {state.result.quarantined.toLocaleString("en-US")} quarantined record{state.result.quarantined === 1 ? "" : "s"}
          </Link>
        </p>
      )}
    </div>
  );
}
