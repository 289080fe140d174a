import Link from "next/link";
import type { RiskDashboard } from "@/lib/risk/dashboard";
import { periodQueueHref, shadowAiHref } from "@/lib/risk/links";

// The headline numbers. "Open findings" is what the security lead asks first: flagged items of the
// period still new, in review or escalated; it links to exactly those in the queue.

function Figure({ label, value, hint, href, testId, emphasis = false, words = false }: { label: string; value: string; hint?: string; href?: string; testId: string; emphasis?: boolean; words?: boolean }) {
  const body = (
    <div className={`h-full rounded-xl border bg-white p-5 shadow-sm transition hover:border-indigo-300 ${emphasis ? "border-rose-200" : "border-slate-200"}`}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className={`mt-1 font-semibold tabular-nums ${emphasis ? "text-4xl text-rose-700" : words ? "text-2xl" : "text-3xl"}`} data-testid={testId}>
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
  return href ? (
    <Link href={href} className="block h-full">
      {body}
    </Link>
  ) : (
    body
  );
}

const count = (n: number) => n.toLocaleString("en");
const percent = (part: number, whole: number) => (whole === 0 ? "0 %" : `${((part / whole) * 100).toFixed(part / whole < 0.1 ? 1 : 0)} %`);

export function RiskFigures({ dashboard }: { dashboard: RiskDashboard }) {
  const { period, totals, triageTime, unregisteredUsage } = dashboard;
  return (
    <div className="grid grid-cols-2 gap-4 lg:grid-cols-3 xl:grid-cols-6">
      <Figure label="Open findings" value={count(totals.open)} hint={`of ${count(totals.flagged)} flagged in ${period.days} days`} href={periodQueueHref(period)} testId="open-findings" emphasis />
      <Figure label="Flagged interactions" value={count(totals.flagged)} href={periodQueueHref(period, { status: "all" })} testId="flagged-interactions" />
      <Figure label="Resolved" value={count(totals.resolved)} href={periodQueueHref(period, { status: "resolved" })} testId="resolved-findings" />
      <Figure label="False positives" value={count(totals.falsePositive)} hint={totals.flagged > 0 ? `${percent(totals.falsePositive, totals.flagged)} of flagged` : undefined} href={periodQueueHref(period, { status: "false_positive" })} testId="false-positives" />
      <Figure
        label="Median time to triage"
        value={triageTime.median?.label ?? "—"}
        words
        hint={triageTime.p90 ? `90 % ${triageTime.p90.label}; ${count(triageTime.triaged)} triaged` : "Nothing triaged in this period"}
        testId="median-time-to-triage"
      />
      <Figure
        label="Unregistered AI usage"
        value={count(unregisteredUsage.interactions)}
        hint={`${percent(unregisteredUsage.interactions, unregisteredUsage.allInteractions)} of ${count(unregisteredUsage.allInteractions)} interactions`}
        href={shadowAiHref()}
        testId="unregistered-usage"
      />
    </div>
  );
}
