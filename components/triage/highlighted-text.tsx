import type { ReactNode } from "react";
import type { FindingView } from "@/lib/triage/get-interaction";
import { highlightRuns } from "@/lib/triage/highlight";
import { categoryLabel, owaspLabel } from "@/lib/triage/labels";
import { SeverityBadge } from "./badges";

// A stored text with each finding's matched span marked, and the findings' explanations beside it.
// The text is shown exactly as stored: secrets were masked before they were written, and nothing
// here tries to undo that. Each mark names (aria-describedby) the explanation it belongs to.

const MARK_TONES: Record<string, string> = {
  info: "bg-sky-100",
  low: "bg-sky-100",
  medium: "bg-amber-200",
  high: "bg-rose-200",
  critical: "bg-rose-300",
};

const SEVERITY_ORDER = ["info", "low", "medium", "high", "critical"];

export type NumberedFinding = FindingView & { number: number };

export function FindingNote({ finding, children }: { finding: NumberedFinding; children?: ReactNode }) {
  return (
    <li id={`finding-${finding.id}`} className="rounded-md border border-slate-200 bg-white p-2 text-sm" data-testid="finding-note">
      <p className="flex flex-wrap items-center gap-1.5">
        <span className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-slate-800 px-1 text-xs font-semibold text-white" aria-hidden="true">
          {finding.number}
        </span>
        <strong>{categoryLabel(finding.category)}</strong>
        <SeverityBadge severity={finding.severity} />
        {finding.owasp && <span className="text-xs text-slate-500">{owaspLabel(finding.owasp)}</span>}
      </p>
      <p className="mt-1 text-slate-800">{finding.explanation}</p>
      <p className="mt-1 text-xs text-slate-500">
        {finding.source === "gateway" ? "Gateway" : "Warden"} · {finding.detector} / {finding.rule}
        {finding.secret && ` · ${finding.secret.kind ?? "secret"} ending …${finding.secret.lastFour ?? "????"} (masked)`}
        {finding.spanStart !== null && finding.spanEnd !== null && ` · characters ${finding.spanStart}–${finding.spanEnd}`}
      </p>
      {children}
    </li>
  );
}

export function HighlightedText({ label, text, findings }: { label: string; text: string; findings: NumberedFinding[] }) {
  const spans = findings.filter((f) => f.spanStart !== null && f.spanEnd !== null).map((f) => ({ id: f.id, start: f.spanStart!, end: f.spanEnd! }));
  const runs = highlightRuns(text, spans);
  const byId = new Map(findings.map((f) => [f.id, f]));
  return (
    <div className="grid gap-3 lg:grid-cols-3">
      <figure className="lg:col-span-2">
        <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</figcaption>
        <pre className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-900">
          {text === "" ? <span className="text-slate-400">(empty)</span> : null}
          {runs.map((run) => {
            if (run.spanIds.length === 0) return <span key={run.start}>{run.text}</span>;
            const covering = run.spanIds.map((id) => byId.get(id)!);
            const worst = covering.reduce((a, b) => (SEVERITY_ORDER.indexOf(b.severity) > SEVERITY_ORDER.indexOf(a.severity) ? b : a));
            return (
              <mark
                key={run.start}
                className={`rounded-sm px-0.5 text-slate-950 ${MARK_TONES[worst.severity] ?? "bg-amber-200"}`}
                aria-describedby={run.spanIds.map((id) => `finding-${id}`).join(" ")}
                title={covering.map((f) => `${f.number}. ${f.explanation}`).join("\n")}
                data-finding-ids={run.spanIds.join(" ")}
              >
                {run.text}
                <sup className="ml-0.5 font-sans text-[0.65rem] font-semibold text-slate-700" aria-hidden="true">
                  {covering.map((f) => f.number).join(",")}
                </sup>
              </mark>
            );
          })}
        </pre>
      </figure>
      {findings.length > 0 && (
        <ol className="space-y-2" aria-label={`Findings in ${label.toLowerCase()}`}>
          {findings.map((f) => (
            <FindingNote key={f.id} finding={f} />
          ))}
        </ol>
      )}
    </div>
  );
}
