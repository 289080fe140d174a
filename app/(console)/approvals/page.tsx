import type { Metadata } from "next";
import Link from "next/link";
import { ModeBadge } from "@/components/grants/mode-badge";
import { Card, EmptyState, formatDate, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { getApprovalsInbox, type InboxGrant } from "@/lib/grants/approvals-inbox";
import { EXPIRING_SOON_DAYS } from "@/lib/notifications/refresh-expiring";

export const metadata: Metadata = { title: "Approvals" };

function GrantTable({ grants, when }: { grants: InboxGrant[]; when: "requested" | "expires" }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-4 font-medium">Workflow → connector</th>
            <th className="py-2 pr-4 font-medium">Resources</th>
            <th className="py-2 pr-4 font-medium">Actions</th>
            <th className="py-2 pr-4 font-medium">Mode</th>
            <th className="py-2 pr-4 font-medium">{when === "requested" ? "Requested" : "Expires"}</th>
            <th className="py-2 font-medium" />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {grants.map((grant) => (
            <tr key={grant.id} className="align-top">
              <td className="py-2 pr-4">
                <span className="font-medium text-slate-800">
                  {grant.workflow.name} → {grant.connector.name}
                </span>
                {when === "requested" && (
                  <p className="mt-0.5 max-w-md text-xs text-slate-500">
                    {grant.requestedBy ?? "Someone"}: “{grant.justification.length > 140 ? `${grant.justification.slice(0, 140)}…` : grant.justification}”
                  </p>
                )}
              </td>
              <td className="max-w-xs py-2 pr-4 font-mono text-xs break-words">{grant.resources.join(", ")}</td>
              <td className="py-2 pr-4">{grant.actions.join(", ")}</td>
              <td className="py-2 pr-4">
                <ModeBadge mode={grant.mode} />
              </td>
              <td className="py-2 pr-4 whitespace-nowrap text-slate-600">{formatDate(when === "requested" ? grant.createdAt : grant.expiresAt)}</td>
              <td className="py-2 text-right">
                <Link href={`/grants/${grant.id}`} className="font-medium text-indigo-700 hover:underline">
                  {when === "requested" ? "Review" : "Open"}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ApprovalsPage() {
  const actor = await guardPage("/approvals");
  const inbox = await getApprovalsInbox(actor);
  const scope = actor.type === "user" && actor.role === "admin" ? "any workflow (as an admin)" : "workflows you own or are a designated approver for";

  return (
    <>
      <PageHeader title="Approvals" description={`Grant requests waiting for your decision on ${scope}, and their grants that expire soon. Your own requests go to someone else.`} />
      <Card title={`Waiting for your decision (${inbox.pending.length})`} className="mb-6">
        {inbox.pending.length === 0 ? <EmptyState>Nothing waits for you.</EmptyState> : <GrantTable grants={inbox.pending} when="requested" />}
      </Card>
      <Card title={`Expiring within ${EXPIRING_SOON_DAYS} days (${inbox.expiringSoon.length})`}>
        {inbox.expiringSoon.length === 0 ? (
          <EmptyState>No grants on your workflows expire in the next {EXPIRING_SOON_DAYS} days.</EmptyState>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">When a grant expires the workflow loses the access. If it still needs it, request a new grant before then.</p>
            <GrantTable grants={inbox.expiringSoon} when="expires" />
          </>
        )}
      </Card>
    </>
  );
}
