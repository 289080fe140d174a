"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { Cell, DataTable, DisclosureButton, hiddenHeader } from "@/components/data-table";
import { Badge, formatDate } from "@/components/ui";
import type { AuditEventRow } from "@/lib/audit/list-events";
import { AuditDiff } from "./audit-diff";

const HEADERS = ["#", "Time", "Actor", "Action", "Target", "Request", hiddenHeader("Changes")];
const ACTOR_TONES = { user: "neutral", token: "info", system: "warn" } as const;

/** A link that narrows the trail to one actor or one target, starting again at the newest event. */
function filterHref(filter: Record<string, string>): string {
  return `/audit?${new URLSearchParams(filter)}`;
}

export function AuditEventTable({ events }: { events: AuditEventRow[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (seq: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <DataTable caption="Audit events" headers={HEADERS}>
      {events.map((event) => {
        const expanded = open.has(event.seq);
        return (
          <Fragment key={event.seq}>
            <tr data-testid={`audit-event-${event.seq}`}>
              <Cell className="tabular-nums text-slate-500">{event.seq}</Cell>
              <Cell className="whitespace-nowrap">{formatDate(event.at)}</Cell>
              <Cell>
                <Link href={filterHref({ actor: event.actorLabel })} title="Only this actor" className="block whitespace-nowrap hover:underline">
                  {event.actorLabel}
                </Link>
                <Badge tone={ACTOR_TONES[event.actorType]}>{event.actorType}</Badge>
              </Cell>
              <Cell>
                <code className="font-mono text-xs">{event.action}</code>
              </Cell>
              <Cell>
                <span className="text-slate-600">{event.targetType}</span>
                {event.targetId && (
                  <Link
                    href={filterHref({ targetType: event.targetType, targetId: event.targetId })}
                    title="Only events about this target"
                    className="block whitespace-nowrap font-mono text-xs hover:underline"
                  >
                    {event.targetId}
                  </Link>
                )}
              </Cell>
              <Cell>
                {/* The full id is in the expanded details; eight characters tell requests apart here. */}
                <span className="font-mono text-xs text-slate-600" title={event.requestId}>
                  {event.requestId.slice(0, 8)}
                </span>
              </Cell>
              <Cell className="text-right">
                <DisclosureButton
                  expanded={expanded}
                  controls={`changes-${event.seq}`}
                  onToggle={() => toggle(event.seq)}
                  label={{ open: "Hide changes", closed: "Show changes" }}
                  subject={`of event ${event.seq}`}
                />
              </Cell>
            </tr>
            {expanded && (
              <tr id={`changes-${event.seq}`}>
                <td colSpan={HEADERS.length} className="bg-slate-50 px-3 py-3">
                  <dl className="mb-3 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600">
                    <div>
                      <dt className="inline font-semibold">Request id </dt>
                      <dd className="inline font-mono">{event.requestId}</dd>
                    </div>
                    {event.actorId && (
                      <div>
                        <dt className="inline font-semibold">Actor id </dt>
                        <dd className="inline font-mono">{event.actorId}</dd>
                      </div>
                    )}
                  </dl>
                  <AuditDiff before={event.before} after={event.after} />
                </td>
              </tr>
            )}
          </Fragment>
        );
      })}
    </DataTable>
  );
}
