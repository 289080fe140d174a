import type { Metadata } from "next";
import Link from "next/link";
import { Cell, DataTable, hiddenHeader } from "@/components/data-table";
import { GrantScopeCells } from "@/components/grants/grant-scope-cells";
import { Card, EmptyState, formatDate, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { getApprovalsInbox, type InboxGrant } from "@/lib/grants/approvals-inbox";
import { EXPIRING_SOON_DAYS } from "@/lib/notifications/refresh-expiring";

export const metadata: Metadata = { title: "Approvals" };

function GrantTable({ caption, grants, when }: { caption: string; grants: InboxGrant[]; when: "requested" | "expires" }) {
  const headers = ["Workflow → connector", "Resources", "Actions", "Mode", when === "requested" ? "Requested" : "Expires", hiddenHeader("Open")];
  return (
    <DataTable caption={caption} headers={headers}>
      {grants.map((grant) => (
        <tr key={grant.id}>
          <Cell>
            <span className="font-medium text-slate-800">
              {grant.workflow.name} → {grant.connector.name}
            </span>
            {when === "requested" && (
              <p className="mt-0.5 max-w-md text-xs text-slate-500">
                {grant.requestedBy ?? "Someone"}: “{grant.justification.length > 140 ? `${grant.justification.slice(0, 140)}…` : grant.justification}”
              </p>
            )}
          </Cell>
          <GrantScopeCells grant={grant} />
          <Cell className="whitespace-nowrap text-slate-600">{formatDate(when === "requested" ? grant.createdAt : grant.expiresAt)}</Cell>
          <Cell className="text-right">
            <Link href={`/grants/${grant.id}`} className="font-medium text-indigo-700 hover:underline">
              {when === "requested" ? "Review" : "Open"}
            </Link>
          </Cell>
        </tr>
      ))}
    </DataTable>
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
        {inbox.pending.length === 0 ? <EmptyState>Nothing waits for you.</EmptyState> : <GrantTable caption="Grant requests waiting for your decision" grants={inbox.pending} when="requested" />}
      </Card>
      <Card title={`Expiring within ${EXPIRING_SOON_DAYS} days (${inbox.expiringSoon.length})`}>
        {inbox.expiringSoon.length === 0 ? (
          <EmptyState>No grants on your workflows expire in the next {EXPIRING_SOON_DAYS} days.</EmptyState>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">When a grant expires the workflow loses the access. If it still needs it, request a new grant before then.</p>
            <GrantTable caption="Grants expiring soon" grants={inbox.expiringSoon} when="expires" />
          </>
        )}
      </Card>
    </>
  );
}
