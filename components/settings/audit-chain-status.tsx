import Link from "next/link";
import { Badge } from "@/components/ui";
import { verifyAuditChain } from "@/lib/audit/verify";
import { prisma } from "@/lib/db/client";

/**
 * Recomputes every hash in the audit trail. Rendered inside Suspense: on a long trail this takes
 * a moment, and the rest of the settings page should not wait for it.
 */
export async function AuditChainStatus() {
  const report = await verifyAuditChain(prisma());
  if (report.intact) {
    return (
      <div className="space-y-2" data-testid="audit-chain-status">
        <Badge tone="good">Intact</Badge>
        <p className="text-sm text-slate-700">
          {report.checked.toLocaleString("en")} events checked just now. Each one&apos;s hash matches its content and links to the event before it, so no event
          has been edited, removed or reordered since it was written.
        </p>
      </div>
    );
  }
  const brokenAt = report.brokenAt!;
  // The trail lists events older than `before`, so this puts the broken event at the top.
  const inspectHref = `/audit?before=${BigInt(brokenAt.seq) + BigInt(1)}`;
  return (
    <div className="space-y-2" data-testid="audit-chain-status">
      <Badge tone="bad">Broken</Badge>
      <p className="text-sm text-slate-700">
        The chain breaks at event #{brokenAt.seq}: {brokenAt.reason}. The {report.checked.toLocaleString("en")} events before it check out. An event was
        changed, removed or inserted outside Warden; treat the trail from #{brokenAt.seq} on as untrustworthy and investigate.
      </p>
      <Link href={inspectHref} className="text-sm font-medium text-indigo-700 hover:underline">
        Inspect event #{brokenAt.seq} in the audit trail
      </Link>
    </div>
  );
}

export function AuditChainStatusPending() {
  return <p className="text-sm text-slate-500">Checking every event in the audit trail…</p>;
}
