import Link from "next/link";
import { Badge, EmptyState } from "@/components/ui";
import { FINDING_RULES, OWASP_LLM, OWASP_NHI, type Finding, type FindingSeverity } from "@/lib/findings/catalog";

const SEVERITY_TONES: Record<FindingSeverity, "bad" | "warn" | "info" | "neutral"> = { critical: "bad", high: "bad", medium: "warn", low: "info", info: "neutral" };
const SUBJECT_LABELS = { grant: "Grant", credential: "Credential", workflow: "Workflow" } as const;

export function SeverityBadge({ severity }: { severity: FindingSeverity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{severity}</Badge>;
}

/**
 * Least-privilege findings, each with why it matters, what fixes it and a link to where to fix it.
 * Embeddable wherever findings are shown: the findings page, a workflow's page, a grant's page.
 */
export function FindingsList({
  findings,
  emptyText = "No findings: nothing here breaks a least-privilege rule.",
  currentHref,
}: {
  findings: Finding[];
  emptyText?: string;
  /** The page showing the list; a fix link to that same page is left out. */
  currentHref?: string;
}) {
  if (findings.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Findings">
      {findings.map((finding) => (
        <li key={finding.id} className="py-3 first:pt-0 last:pb-0" data-testid="finding" data-rule={finding.rule}>
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={finding.severity} />
            <span className="text-sm font-semibold text-slate-800">{FINDING_RULES[finding.rule].name}</span>
            <span className="text-xs text-slate-500">
              {SUBJECT_LABELS[finding.subject.type]}: {finding.subject.name}
            </span>
          </div>
          <p className="mt-1 text-sm text-slate-800">{finding.title}</p>
          <p className="mt-0.5 text-sm text-slate-600">{finding.explanation}</p>
          <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs">
            {finding.owasp.llm && (
              <span className="rounded border border-slate-200 px-1.5 py-0.5 text-slate-600" title="OWASP Top 10 for LLM Applications 2025">
                {finding.owasp.llm} {OWASP_LLM[finding.owasp.llm]}
              </span>
            )}
            <span className="rounded border border-slate-200 px-1.5 py-0.5 text-slate-600" title="OWASP Non-Human Identities Top 10 2025">
              {finding.owasp.nhi}:2025 {OWASP_NHI[finding.owasp.nhi]}
            </span>
            {finding.fix.href !== currentHref && (
              <Link href={finding.fix.href} className="ml-auto font-medium text-indigo-700 hover:underline">
                {finding.fix.label} →
              </Link>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
