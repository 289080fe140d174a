"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useState, type FormEvent, type ReactNode } from "react";
import { linkIdentityAction, registerFromIdentityAction } from "@/app/(console)/shadow-ai/actions";
import { Cell, DataTable, hiddenHeader } from "@/components/data-table";
import { Button, FormAlert, FormSuccess, SelectField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { WorkflowForm } from "@/components/inventory/workflow-form";
import { Badge, formatDate } from "@/components/ui";
import { IDENTITY_KIND_LABELS } from "@/lib/ingest/identity";
import type { UnregisteredGroup } from "@/lib/ingest/shadow/list-unregistered";
import type { WorkflowPrefill } from "@/lib/ingest/shadow/prefill";

// The unregistered-AI list: one row per gateway identity, and for people who may register
// workflows, a row underneath to register one from it (a prefilled form) or link it to an existing
// workflow. Either way its past interactions are re-linked.

export interface ShadowRow extends UnregisteredGroup {
  prefill: WorkflowPrefill;
}

type Panel = { key: string; mode: "register" | "link" } | null;

const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

function describeRelink(result: { interactions: number; findings: number; triageItems: number }): string {
  return `${plural(result.interactions, "past interaction")} re-linked${result.triageItems > 0 ? `, with ${plural(result.triageItems, "flagged item")}` : ""}.`;
}

function LinkForm({ identityKey, workflows, onLinked }: { identityKey: string; workflows: { id: string; name: string }[]; onLinked: (message: string) => void }) {
  const router = useRouter();
  const [workflowId, setWorkflowId] = useState("");
  const link = useActionMutation(linkIdentityAction, (result) => {
    onLinked(`Linked ${identityKey} to ${workflows.find((w) => w.id === result.workflowId)?.name ?? "the workflow"}: ${describeRelink(result.relinked)}`);
    router.refresh();
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    link.run({ workflowId, identityKey });
  }
  if (workflows.length === 0) return <p className="text-sm text-slate-600">You own no workflow it could be linked to. Register one from it instead.</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="flex max-w-xl flex-col gap-3">
      <FormAlert messages={[link.formError, link.fieldErrors.identityKey]} />
      <SelectField
        name="workflowId"
        label="Workflow"
        hint="Its past interactions under this identity are re-linked to the workflow, and future ones are counted as its usage."
        emptyOption="Choose a workflow"
        value={workflowId}
        onChange={(event) => setWorkflowId(event.target.value)}
        error={link.fieldErrors.workflowId}
        options={workflows.map((w) => ({ value: w.id, label: w.name }))}
      />
      <div>
        <Button type="submit" pending={link.pending} pendingText="Linking…">
          Link and re-link past interactions
        </Button>
      </div>
    </form>
  );
}

function RelinkButton({ row, onLinked }: { row: ShadowRow; onLinked: (message: string) => void }) {
  const router = useRouter();
  const relink = useActionMutation(linkIdentityAction, (result) => {
    onLinked(`${row.identityKey}: ${describeRelink(result.relinked)}`);
    router.refresh();
  });
  return (
    <div className="space-y-1">
      <FormAlert messages={[relink.formError]} />
      <Button tone="secondary" pending={relink.pending} pendingText="Re-linking…" onClick={() => relink.run({ workflowId: row.linkedWorkflow!.id, identityKey: row.identityKey })}>
        Finish re-linking<span className="sr-only"> {row.identityKey}</span>
      </Button>
    </div>
  );
}

/** Opens the row's panel underneath (the register form or the link form). */
function PanelToggle({ expanded, controls, onToggle, primary = false, children }: { expanded: boolean; controls: string; onToggle: () => void; primary?: boolean; children: ReactNode }) {
  const tone = primary ? "bg-indigo-600 text-white hover:bg-indigo-700" : "border border-slate-300 text-slate-700 hover:bg-slate-50";
  return (
    <button type="button" aria-expanded={expanded} aria-controls={controls} onClick={onToggle} className={`whitespace-nowrap rounded-md px-2 py-1 text-xs font-medium ${tone}`}>
      {children}
    </button>
  );
}

export function ShadowUsageTable({
  rows,
  canWrite,
  teams,
  owners,
  ownerOptional,
  linkable,
}: {
  rows: ShadowRow[];
  canWrite: boolean;
  teams: { id: string; name: string }[];
  owners: { id: string; name: string; email: string; active: boolean }[];
  ownerOptional: boolean;
  linkable: { id: string; name: string }[];
}) {
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = (key: string, mode: "register" | "link") => setPanel(panel?.key === key && panel.mode === mode ? null : { key, mode });
  const onLinked = (message: string) => {
    setPanel(null);
    setNotice(message);
  };

  return (
    <>
      {notice && (
        <div className="mb-3">
          <FormSuccess>{notice}</FormSuccess>
        </div>
      )}
      <DataTable
        caption="Unregistered AI usage by gateway identity"
        headers={["Identity", "Interactions", "Flagged", "First seen", "Last seen", "Models and providers", "Sources", ...(canWrite ? [hiddenHeader("Actions")] : [])]}
      >
        {rows.map((row) => {
          const panelId = `shadow-${row.identityKey.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
          const open = panel?.key === row.identityKey ? panel.mode : null;
          const team = row.kind !== "team" ? row.lastIdentity.teamAlias ?? row.lastIdentity.teamId : undefined;
          return (
            <Fragment key={row.identityKey}>
              <tr data-testid="shadow-group" data-identity={row.identityKey}>
                <Cell>
                  <Badge tone="info">{IDENTITY_KIND_LABELS[row.kind]}</Badge> <span className="break-words font-mono text-xs font-medium">{row.value}</span>
                  {team && <p className="mt-1 text-xs text-slate-500">team {team}</p>}
                  {row.linkedWorkflow && (
                    <p className="mt-1 text-xs text-amber-800">
                      Linked to{" "}
                      <Link href={`/workflows/${row.linkedWorkflow.id}`} className="text-indigo-700 hover:underline">
                        {row.linkedWorkflow.name}
                      </Link>
                      ; some past interactions are not re-linked yet.
                    </p>
                  )}
                </Cell>
                <Cell className="whitespace-nowrap tabular-nums">
                  {row.interactions.toLocaleString("en")}
                  <p className="text-xs text-slate-500">{row.recentInteractions.toLocaleString("en")} in 30 days</p>
                </Cell>
                <Cell className="whitespace-nowrap tabular-nums">
                  {row.flagged > 0 ? <Badge tone="warn">{row.flagged.toLocaleString("en")}</Badge> : <span className="text-slate-400">0</span>}
                  {row.blocked > 0 && <p className="text-xs text-slate-500">{row.blocked.toLocaleString("en")} blocked</p>}
                </Cell>
                <Cell className="whitespace-nowrap text-slate-600">{formatDate(row.firstSeen)}</Cell>
                <Cell className="whitespace-nowrap text-slate-600">{formatDate(row.lastSeen)}</Cell>
                <Cell className="text-xs text-slate-700">
                  {row.models.join(", ") || "—"}
                  {row.providers.length > 0 && <p className="text-slate-500">{row.providers.join(", ")}</p>}
                </Cell>
                <Cell className="text-xs text-slate-700">{row.sources.join(", ")}</Cell>
                {canWrite && (
                  <Cell>
                    {row.linkedWorkflow ? (
                      <RelinkButton row={row} onLinked={onLinked} />
                    ) : (
                      <div className="flex flex-col items-start gap-2">
                        <PanelToggle expanded={open === "register"} controls={panelId} onToggle={() => toggle(row.identityKey, "register")} primary>
                          Register workflow<span className="sr-only"> from {row.identityKey}</span>
                        </PanelToggle>
                        <PanelToggle expanded={open === "link"} controls={panelId} onToggle={() => toggle(row.identityKey, "link")}>
                          Link to workflow…<span className="sr-only"> {row.identityKey}</span>
                        </PanelToggle>
                      </div>
                    )}
                  </Cell>
                )}
              </tr>
              {open && (
                <tr id={panelId}>
                  <td colSpan={8} className="bg-slate-50 px-4 py-4">
                    {open === "register" ? (
                      <>
                        <p className="mb-4 text-sm text-slate-700">
                          Register a draft workflow for <span className="font-mono">{row.identityKey}</span>. Its {plural(row.interactions, "past interaction")} are linked to it, and
                          everything the gateway sends under this identity from now on is counted as its usage and checked against its grants.
                        </p>
                        <WorkflowForm
                          teams={teams}
                          owners={owners}
                          ownerOptional={ownerOptional}
                          initial={row.prefill}
                          submit={{ action: (input) => registerFromIdentityAction({ ...input, identityKey: row.identityKey }), label: "Register and link past interactions" }}
                        />
                      </>
                    ) : (
                      <LinkForm identityKey={row.identityKey} workflows={linkable} onLinked={onLinked} />
                    )}
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
