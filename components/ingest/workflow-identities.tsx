"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { linkIdentityAction, unlinkIdentityAction } from "@/app/(console)/shadow-ai/actions";
import { Cell, DataTable, hiddenHeader } from "@/components/data-table";
import { Button, FormAlert, FormSuccess, SelectField, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { Badge, formatDate } from "@/components/ui";
import { IDENTITY_KIND_LABELS, IDENTITY_KINDS, type IdentityKind } from "@/lib/ingest/identity";
import type { LinkedIdentity } from "@/lib/ingest/shadow/workflow-identities";

const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

function RemoveButton({ workflowId, identity }: { workflowId: string; identity: LinkedIdentity }) {
  const router = useRouter();
  const remove = useActionMutation(unlinkIdentityAction, () => router.refresh());
  return (
    <div className="space-y-1">
      <FormAlert messages={[remove.formError]} />
      <Button
        tone="secondary"
        pending={remove.pending}
        pendingText="Removing…"
        onClick={() => {
          if (window.confirm(`Stop linking ${identity.identityKey} to this workflow? What the gateway sends under it from now on is unregistered usage again; past interactions stay with this workflow.`)) {
            remove.run({ workflowId, identityKey: identity.identityKey });
          }
        }}
      >
        Remove<span className="sr-only"> {identity.identityKey}</span>
      </Button>
    </div>
  );
}

function AddIdentityForm({ workflowId }: { workflowId: string }) {
  const router = useRouter();
  const [kind, setKind] = useState<IdentityKind>("key_alias");
  const [value, setValue] = useState("");
  const add = useActionMutation(linkIdentityAction, () => {
    setValue("");
    router.refresh();
  });
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    add.run({ workflowId, identityKey: `${kind}:${value.trim()}` });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-3 border-t border-slate-100 pt-4" aria-label="Add a gateway identity">
      <FormAlert messages={[add.formError]} />
      {add.data && <FormSuccess>Linked {add.data.identityKey}: {plural(add.data.relinked.interactions, "past interaction")} re-linked to this workflow.</FormSuccess>}
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <SelectField name="identityKind" label="Kind" value={kind} onChange={(e) => setKind(e.target.value as IdentityKind)} options={IDENTITY_KINDS.map((k) => ({ value: k, label: IDENTITY_KIND_LABELS[k] }))} />
        <TextField
          name="identityValue"
          label="Name at the gateway"
          mono
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={add.fieldErrors.identityKey}
          hint="As the gateway sends it, e.g. the LiteLLM key alias. Past interactions are re-linked when this was the most specific name they carried (key alias, then key hash, agent, service, team)."
        />
      </div>
      <Button type="submit" pending={add.pending} pendingText="Linking…">
        Add identity
      </Button>
    </form>
  );
}

export function WorkflowIdentities({ workflowId, identities, editable }: { workflowId: string; identities: LinkedIdentity[]; editable: boolean }) {
  return (
    <>
      {identities.length === 0 ? (
        <p className="text-sm text-slate-500">No gateway identity is linked: the gateway&apos;s traffic for this workflow shows up as unregistered AI usage.</p>
      ) : (
        <DataTable caption="Gateway identities linked to this workflow" headers={["Identity", "Interactions", "Linked", ...(editable ? [hiddenHeader("Remove")] : [])]}>
          {identities.map((identity) => (
            <tr key={identity.id} data-testid="workflow-identity" data-identity={identity.identityKey}>
              <Cell>
                {identity.kind && <Badge tone="info">{IDENTITY_KIND_LABELS[identity.kind]}</Badge>} <span className="break-all font-mono text-xs">{identity.value}</span>
              </Cell>
              <Cell className="tabular-nums">
                {plural(identity.interactions, "interaction")}
                {identity.lastDay && <p className="text-xs text-slate-500">last on {formatDate(identity.lastDay).slice(0, 10)}</p>}
              </Cell>
              <Cell className="text-slate-600">
                {formatDate(identity.createdAt)}
                {identity.createdBy && <p className="text-xs">by {identity.createdBy}</p>}
              </Cell>
              {editable && (
                <Cell>
                  <RemoveButton workflowId={workflowId} identity={identity} />
                </Cell>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {editable && <AddIdentityForm workflowId={workflowId} />}
    </>
  );
}
