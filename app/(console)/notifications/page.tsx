import type { Metadata } from "next";
import Link from "next/link";
import { MarkReadButton } from "@/components/notifications/mark-read-button";
import { Card, EmptyState, formatDate, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await guardPage("/notifications");
  const { rows, unread } = await listNotifications(actor);

  return (
    <>
      <PageHeader
        title="Notifications"
        description="Grant requests waiting for you, decisions on your requests, and grants on your workflows that expire soon."
        actions={unread > 0 && <MarkReadButton>Mark all read</MarkReadButton>}
      />
      {rows.length === 0 ? (
        <EmptyState>No notifications yet.</EmptyState>
      ) : (
        <Card>
          <p className="mb-3 text-sm text-slate-600">{unread === 0 ? "All read." : `${unread} unread.`}</p>
          <ul className="divide-y divide-slate-100">
            {rows.map((n) => (
              <li key={n.id} className="flex flex-wrap items-center gap-3 py-3" data-testid="notification" data-read={n.readAt ? "true" : "false"}>
                <span className={`h-2 w-2 shrink-0 rounded-full ${n.readAt ? "bg-transparent" : "bg-indigo-500"}`} aria-label={n.readAt ? undefined : "Unread"} />
                <div className="min-w-0 flex-1">
                  <Link href={n.href} className={`text-sm hover:underline ${n.readAt ? "text-slate-600" : "font-medium text-slate-900"}`}>
                    {n.title}
                  </Link>
                  <p className="text-xs text-slate-500">{formatDate(n.createdAt)}</p>
                </div>
                {!n.readAt && <MarkReadButton notificationId={n.id}>Mark read</MarkReadButton>}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
