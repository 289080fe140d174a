import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { FindingsList } from "@/components/findings/findings-list";
import { DecideGrantForm } from "@/components/grants/decide-grant-form";
import { GrantTimeline } from "@/components/grants/grant-timeline";
import { ModeBadge } from "@/components/grants/mode-badge";
import { RevokeGrantForm } from "@/components/grants/revoke-grant-form";
import { StatusBadge } from "@/components/inventory/badges";
import { Card, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { getFindings } from "@/lib/findings/get-findings";
import { getGrant, type GrantDetail } from "@/lib/grants/get-grant";

export const metadata: Metadata = { title: "Grant" };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-800">{children}</dd>
    </>
  );
}

function ScopeCard({ grant }: { grant: GrantDetail }) {
  const reduced =
    grant.resources.join("\n") !== grant.requestedResources.join("\n") || grant.actions.join() !== grant.requestedActions.join() || grant.mode !== grant.requestedMode;
  return (
    <Card title={grant.status === "requested" ? "Requested scope" : "Scope"}>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
        <Row label="Resources">
          <ul className="font-mono text-xs">
            {grant.resources.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Row>
        <Row label="Actions">{grant.actions.join(", ")}</Row>
        <Row label="Mode">
          <ModeBadge mode={grant.mode} />
        </Row>
        <Row label="Expires">{grant.expiresAt ? formatDate(grant.expiresAt) : "never"}</Row>
        <Row label="Credential">
          {grant.credential ? (
            <Link href={`/credentials/${grant.credential.id}`} className="text-indigo-700 hover:underline">
              {grant.credential.name} ({grant.credential.environment})
            </Link>
          ) : (
            "None named"
          )}
        </Row>
      </dl>
      {reduced && (
        <div className="mt-4 rounded-md bg-slate-50 p-3 text-xs text-slate-600" data-testid="requested-scope">
          <p className="font-semibold text-slate-700">Originally requested</p>
          <p className="mt-1">
            Resources <span className="font-mono">{grant.requestedResources.join(", ")}</span> · actions {grant.requestedActions.join(", ")} · mode {grant.requestedMode}
          </p>
        </div>
      )}
      <p className="mt-4 text-sm text-slate-500">Justification</p>
      <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{grant.justification}</p>
    </Card>
  );
}

function PeopleCard({ grant }: { grant: GrantDetail }) {
  return (
    <Card title="People">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
        <Row label="Workflow owner">
          {grant.workflow.owner ? `${grant.workflow.owner.name}${grant.workflow.owner.active ? "" : " (deactivated)"}` : "No owner"}
        </Row>
        <Row label="Approvers">{grant.approvers.length > 0 ? grant.approvers.map((a) => a.name).join(", ") : "None designated"}</Row>
        <Row label="Requested by">
          {grant.requestedBy?.name ?? "—"} <span className="text-xs text-slate-500">{formatDate(grant.createdAt)}</span>
        </Row>
        <Row label="Decided by">
          {grant.decidedBy ? (
            <>
              {grant.decidedBy.name} <span className="text-xs text-slate-500">{formatDate(grant.decidedAt)}</span>
            </>
          ) : (
            "—"
          )}
        </Row>
      </dl>
    </Card>
  );
}

export default async function GrantPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guardPage("/grants/[id]");
  const { id } = await params;
  const grant = await getGrant(actor, id);
  if (!grant) notFound();
  const findings = (await getFindings({ workflowId: grant.workflow.id })).filter((f) => f.subject.type === "grant" && f.subject.id === grant.id);
  // Who can decide: the owner (if still here) and the approvers, never the person who asked.
  const deciders = [...(grant.workflow.owner?.active ? [grant.workflow.owner] : []), ...grant.approvers].filter((p) => p.id !== grant.requestedBy?.id);
  const waitingFor = deciders.map((p) => p.name).join(", ");

  return (
    <>
      <PageHeader
        title={`${grant.workflow.name} → ${grant.connector.name}`}
        description={`${grant.connector.system} · resources named like ${grant.connector.resourcePattern} · ${grant.workflow.environment} workflow`}
        actions={<StatusBadge status={grant.status} />}
      />
      <p className="-mt-4 mb-6 text-sm">
        <Link href={`/workflows/${grant.workflow.id}`} className="text-indigo-700 hover:underline">
          Open {grant.workflow.name}
        </Link>
        <span className="text-slate-400"> · </span>
        <Link href={`/grants?workflowId=${grant.workflow.id}`} className="text-indigo-700 hover:underline">
          All of its grants
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-6">
          <ScopeCard grant={grant} />
          <Card title="Timeline">
            <GrantTimeline events={grant.timeline} />
          </Card>
        </div>
        <div className="space-y-6">
          {grant.status === "requested" && (
            <Card title="Decide">
              {grant.decide.allowed ? (
                <DecideGrantForm
                  grantId={grant.id}
                  requested={{ resources: grant.requestedResources, actions: grant.requestedActions, mode: grant.requestedMode, expiresAt: grant.expiresAt?.toISOString() ?? null }}
                />
              ) : (
                <div className="space-y-2 text-sm text-slate-600" data-testid="decide-refusal">
                  <p>Waiting for a decision by {waitingFor ? `${waitingFor} or an admin` : "an admin (nobody else can decide for this workflow)"}.</p>
                  {can(actor, "grant:decide") && grant.decide.refusal && <p className="text-slate-800">{grant.decide.refusal}</p>}
                </div>
              )}
            </Card>
          )}
          {grant.status === "approved" && grant.revoke.allowed && (
            <Card title="Revoke">
              <RevokeGrantForm grantId={grant.id} />
            </Card>
          )}
          <PeopleCard grant={grant} />
          <Card title="Findings on this grant">
            <FindingsList findings={findings} currentHref={`/grants/${grant.id}`} emptyText="None: this grant breaks no least-privilege rule." />
          </Card>
        </div>
      </div>
    </>
  );
}
