import { Fragment } from "react";
import { Badge, formatDate } from "@/components/ui";
import type { CampaignItem } from "@/lib/reviews/get-campaign";

// What a reviewer needs to decide one item: scope, age, usage from the logs, findings, recommendation.
export function ReviewItemEvidence({ item }: { item: CampaignItem }) {
  const snapshot = item.snapshot;
  const usage = snapshot.usage;
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1 text-sm">
      {snapshot.kind === "grant" ? (
        <>
          <dt className="text-slate-500">Scope</dt>
          <dd>
            <span className="font-mono text-xs">{snapshot.resources.join(", ")}</span> · {snapshot.actions.join(", ")} · {snapshot.mode}
          </dd>
          <dt className="text-slate-500">Age</dt>
          <dd>
            granted {item.ageDays} days ago · expires {snapshot.expiresAt ? formatDate(snapshot.expiresAt) : "never"}
          </dd>
        </>
      ) : (
        <>
          <dt className="text-slate-500">Credential</dt>
          <dd>
            {snapshot.credentialKind.replaceAll("_", " ")} for {snapshot.connectorName ?? "no connector"} · {snapshot.environment}
          </dd>
          <dt className="text-slate-500">Age</dt>
          <dd>
            {snapshot.lastRotatedAt ? "rotated" : "issued"} {item.ageDays} days ago (policy: every {snapshot.rotationPolicyDays} days) · expires{" "}
            {snapshot.expiresAt ? formatDate(snapshot.expiresAt) : "never"}
          </dd>
          <dt className="text-slate-500">Used by</dt>
          <dd>{snapshot.workflows.length > 0 ? snapshot.workflows.map((w) => w.name).join(", ") : "no workflow"}</dd>
        </>
      )}
      <dt className="text-slate-500">Last exercised</dt>
      <dd>{!usage.hasLogData ? "no log data for this workflow" : usage.lastUsedAt ? `${formatDate(usage.lastUsedAt)} (${usage.calls} calls)` : "not in the last 90 days"}</dd>
      <dt className="text-slate-500">Actions used</dt>
      <dd>{usage.actionsUsed.length > 0 ? usage.actionsUsed.join(", ") : "—"}</dd>
      <dt className="text-slate-500">Resources used</dt>
      <dd className="font-mono text-xs">{usage.resourcesUsed.length > 0 ? usage.resourcesUsed.join(", ") : "—"}</dd>
      <dt className="text-slate-500">Open findings</dt>
      <dd>
        {item.findings.length === 0 && item.openInteractionFindings === 0 && "none"}
        <ul>
          {item.findings.map((f) => (
            <li key={f.id}>
              <Badge tone={f.severity === "high" || f.severity === "critical" ? "bad" : "warn"}>{f.severity}</Badge> {f.title}
            </li>
          ))}
          {item.openInteractionFindings > 0 && <li>{item.openInteractionFindings} open findings on its interactions</li>}
        </ul>
      </dd>
    </dl>
  );
}
