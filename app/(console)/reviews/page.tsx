import type { Metadata } from "next";
import Link from "next/link";
import { Cell, DataTable } from "@/components/data-table";
import { primaryLinkClassName } from "@/components/forms/form-controls";
import { ReviewBadge } from "@/components/reviews/badges";
import { Card, EmptyState, formatDate, PageHeader } from "@/components/ui";
import { actorUserId, can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { RECURRENCES } from "@/lib/reviews/campaign-input";
import { runReviewHousekeeping } from "@/lib/reviews/housekeeping";
import { listCampaigns } from "@/lib/reviews/list-campaigns";

export const metadata: Metadata = { title: "Access reviews" };

export default async function ReviewsPage() {
  const actor = await guardPage("/reviews");
  // The clock also runs on read, so a campaign due to start shows as started.
  await runReviewHousekeeping();
  const campaigns = await listCampaigns(actorUserId(actor));
  return (
    <>
      <PageHeader
        title="Access reviews"
        description="Campaigns that certify, revoke or narrow what AI workflows may do. Each grant's workflow owner reviews it, with usage evidence and a recommendation; decisions are applied to the grants when the campaign closes."
        actions={
          can(actor, "review:manage") && (
            <Link href="/reviews/new" className={primaryLinkClassName}>
              New campaign
            </Link>
          )
        }
      />
      {campaigns.length === 0 ? (
        <EmptyState>No access reviews yet.</EmptyState>
      ) : (
        <Card>
          <DataTable caption="Access-review campaigns" headers={["Campaign", "Status", "Progress", "Yours to decide", "Starts", "Due", "Repeats", "Owner"]}>
            {campaigns.map((c) => (
              <tr key={c.id}>
                <Cell>
                  <Link href={`/reviews/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                    {c.name}
                  </Link>
                </Cell>
                <Cell>
                  <ReviewBadge value={c.status} />
                </Cell>
                <Cell className="whitespace-nowrap tabular-nums text-slate-700">
                  {c.progress.done}/{c.progress.total} done{c.progress.overdue > 0 && <span className="text-rose-700"> · {c.progress.overdue} overdue</span>}
                </Cell>
                <Cell className="tabular-nums">{c.mine > 0 ? <span className="font-semibold text-indigo-700">{c.mine}</span> : "—"}</Cell>
                <Cell className="whitespace-nowrap text-slate-600">{formatDate(c.startsAt)}</Cell>
                <Cell className="whitespace-nowrap text-slate-600">{formatDate(c.dueAt)}</Cell>
                <Cell className="text-slate-600">{RECURRENCES.find((r) => r.months === (c.recurrenceMonths ?? 0))?.label ?? `Every ${c.recurrenceMonths} months`}</Cell>
                <Cell className="text-slate-600">{c.owner ?? "—"}</Cell>
              </tr>
            ))}
          </DataTable>
        </Card>
      )}
    </>
  );
}
