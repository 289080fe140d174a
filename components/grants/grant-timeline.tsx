import Link from "next/link";
import { Badge, formatDate } from "@/components/ui";
import type { GrantTimelineEvent } from "@/lib/grants/get-grant";

const STEP: Record<GrantTimelineEvent["type"], { label: string; tone: "neutral" | "good" | "warn" | "bad" | "info" }> = {
  requested: { label: "Requested", tone: "info" },
  approved: { label: "Approved", tone: "good" },
  approved_reduced: { label: "Approved with reduced scope", tone: "good" },
  rejected: { label: "Rejected", tone: "bad" },
  expired: { label: "Expired", tone: "neutral" },
  revoked: { label: "Revoked", tone: "bad" },
  narrowed: { label: "Narrowed", tone: "warn" },
};

/** Every step of a grant's life: who, when, why, and the scope in force after that step. */
export function GrantTimeline({ events }: { events: GrantTimelineEvent[] }) {
  return (
    <ol className="relative space-y-5 border-l border-slate-200 pl-5" aria-label="Timeline">
      {events.map((event) => (
        <li key={event.id} className="relative" data-testid={`timeline-${event.type}`}>
          <span className="absolute -left-[1.6rem] top-1.5 h-2.5 w-2.5 rounded-full border-2 border-white bg-indigo-500 ring-1 ring-slate-200" aria-hidden />
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={STEP[event.type].tone}>{STEP[event.type].label}</Badge>
            <span className="font-medium text-slate-800">{event.actor}</span>
            {event.accessReview && (
              <Link href={`/reviews/${event.accessReview.campaignId}`} className="text-xs text-indigo-700 hover:underline">
                by access review {event.accessReview.campaignName}
              </Link>
            )}
            <time className="text-xs text-slate-500" dateTime={event.at.toISOString()}>
              {formatDate(event.at)}
            </time>
          </div>
          {event.reason && <p className="mt-1 text-sm text-slate-700">“{event.reason}”</p>}
          {(event.scope.resources || event.scope.actions || event.scope.mode) && (
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-600">
              {event.scope.resources && (
                <>
                  <dt>Resources</dt>
                  <dd className="font-mono">{event.scope.resources.join(", ")}</dd>
                </>
              )}
              {event.scope.actions && (
                <>
                  <dt>Actions</dt>
                  <dd>{event.scope.actions.join(", ")}</dd>
                </>
              )}
              {event.scope.mode && (
                <>
                  <dt>Mode</dt>
                  <dd>{event.scope.mode}</dd>
                </>
              )}
              {event.scope.expiresAt !== undefined && (
                <>
                  <dt>Expires</dt>
                  <dd>{event.scope.expiresAt ? formatDate(event.scope.expiresAt) : "never"}</dd>
                </>
              )}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}
