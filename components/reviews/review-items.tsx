"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { Cell, DataTable, DisclosureButton, hiddenHeader } from "@/components/data-table";
import { Badge, formatDate } from "@/components/ui";
import type { CampaignItem } from "@/lib/reviews/get-campaign";
import { ReviewBadge } from "./badges";
import { BulkBar, DecideForm, ReassignForm, type Person } from "./review-decision-forms";
import { ReviewItemEvidence } from "./review-item-evidence";

const SHOW = {
  all: { label: "All items", keep: () => true },
  mine: { label: "Yours to decide", keep: (i: CampaignItem) => i.canDecide && (i.decision === null || i.decision === "dont_know") },
  undecided: { label: "Undecided", keep: (i: CampaignItem) => i.decision === null || i.decision === "dont_know" },
  deny: { label: "Recommended: deny or modify", keep: (i: CampaignItem) => i.recommendation === "deny" || i.recommendation === "modify" },
} as const;

export function ReviewItems({ campaignId, items: allItems, people }: { campaignId: string; items: CampaignItem[]; people: Person[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [show, setShow] = useState<keyof typeof SHOW>("all");
  const items = allItems.filter(SHOW[show].keep);
  const decidable = items.filter((i) => i.canDecide);
  return (
    <>
      <label className="mb-3 inline-flex items-center gap-2 text-sm text-slate-700">
        Show
        <select
          value={show}
          onChange={(e) => {
            setShow(e.target.value as keyof typeof SHOW);
            setSelected([]);
          }}
          className="rounded-md border border-slate-300 px-2 py-1 text-sm"
        >
          {(Object.keys(SHOW) as (keyof typeof SHOW)[]).map((key) => (
            <option key={key} value={key}>
              {`${SHOW[key].label} (${allItems.filter(SHOW[key].keep).length})`}
            </option>
          ))}
        </select>
      </label>
      {selected.length > 0 && <BulkBar campaignId={campaignId} selected={selected} onDone={() => setSelected([])} />}
      <DataTable
        caption="Review items"
        headers={[
          decidable.length > 0 ? (
            <input
              key="all"
              type="checkbox"
              aria-label="Select every item you can decide"
              checked={decidable.length > 0 && decidable.every((i) => selected.includes(i.id))}
              onChange={(e) => setSelected(e.target.checked ? decidable.map((i) => i.id) : [])}
              className="h-4 w-4"
            />
          ) : (
            hiddenHeader("Select")
          ),
          "Grant or credential",
          "Scope",
          "Last exercised",
          "Recommendation",
          "Reviewer",
          "Decision",
          "Result",
          hiddenHeader("Details"),
        ]}
      >
        {items.map((item) => {
          const detailsId = `item-${item.id}`;
          return (
            <Fragment key={item.id}>
              <tr data-testid="review-item" data-subject={item.subject}>
                <Cell>
                  {item.canDecide && (
                    <input
                      type="checkbox"
                      aria-label={`Select ${item.subject}`}
                      checked={selected.includes(item.id)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, item.id] : s.filter((id) => id !== item.id)))}
                      className="h-4 w-4"
                    />
                  )}
                </Cell>
                <Cell>
                  {item.grantId || item.credentialId ? (
                    <Link href={item.grantId ? `/grants/${item.grantId}` : `/credentials/${item.credentialId}`} className="font-medium text-indigo-700 hover:underline">
                      {item.subject}
                    </Link>
                  ) : (
                    <span className="font-medium">{item.subject}</span>
                  )}
                  {item.highRisk && (
                    <span className="ml-2">
                      <Badge tone="bad">high risk</Badge>
                    </span>
                  )}
                  {item.stage === 2 && (
                    <span className="ml-2">
                      <Badge tone="info">second stage</Badge>
                    </span>
                  )}
                </Cell>
                <Cell className="text-xs text-slate-700">
                  {item.snapshot.kind === "grant" ? (
                    <>
                      <span className="font-mono">{item.snapshot.resources.join(", ")}</span>
                      <br />
                      {item.snapshot.actions.join(", ")} · {item.snapshot.mode}
                    </>
                  ) : (
                    <>
                      credential · {item.snapshot.environment}
                      <br />
                      used by {item.snapshot.workflows.length} workflow(s)
                    </>
                  )}
                </Cell>
                <Cell className="whitespace-nowrap text-slate-600">
                  {!item.snapshot.usage.hasLogData ? "no log data" : item.snapshot.usage.lastUsedAt ? formatDate(item.snapshot.usage.lastUsedAt).slice(0, 10) : "not in 90 days"}
                </Cell>
                <Cell>
                  <ReviewBadge value={item.recommendation} />
                  <p className="mt-1 text-xs text-slate-600" data-testid="recommendation-reason">
                    {item.recommendationReason}
                  </p>
                </Cell>
                <Cell className="text-slate-700">{item.reviewer?.name ?? "Unassigned"}</Cell>
                <Cell>
                  {item.decision ? <ReviewBadge value={item.decision} /> : <span className="text-slate-400">undecided</span>}
                  {item.decidedByDefault && <p className="text-xs text-slate-500">by campaign policy</p>}
                  {item.justification && <p className="mt-1 max-w-xs text-xs text-slate-600">“{item.justification}”</p>}
                </Cell>
                <Cell>
                  {item.applyResult ? <ReviewBadge value={item.applyResult} /> : <span className="text-slate-400">—</span>}
                  {item.applyDetail && <p className="mt-1 max-w-xs text-xs text-slate-600">{item.applyDetail}</p>}
                </Cell>
                <Cell>
                  <DisclosureButton expanded={open === item.id} controls={detailsId} onToggle={() => setOpen(open === item.id ? null : item.id)} label={{ open: "Hide", closed: item.canDecide ? "Decide" : "Details" }} subject={item.subject} />
                </Cell>
              </tr>
              {open === item.id && (
                <tr id={detailsId}>
                  <td colSpan={9} className="bg-slate-50 px-4 py-4">
                    <div className="grid gap-6 lg:grid-cols-2">
                      <div className="space-y-4">
                        <ReviewItemEvidence item={item} />
                        <div>
                          <p className="text-sm font-medium text-slate-800">History</p>
                          <ol className="mt-1 space-y-1 text-xs text-slate-600" aria-label={`History of ${item.subject}`}>
                            {item.history.map((h) => (
                              <li key={h.id}>
                                {formatDate(h.at)} · <span className="font-medium">{h.type.replaceAll("_", " ")}</span> by {h.actor}
                                {h.note && <> — “{h.note}”</>}
                              </li>
                            ))}
                          </ol>
                        </div>
                      </div>
                      <div className="space-y-6">
                        {item.canDecide ? <DecideForm campaignId={campaignId} item={item} /> : item.decideRefusal && <p className="text-sm text-slate-600">{item.decideRefusal}</p>}
                        {item.canReassign && <ReassignForm item={item} people={people} />}
                      </div>
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </DataTable>
    </>
  );
}
