"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createSavedViewAction, deleteSavedViewAction } from "@/app/(console)/interactions/actions";
import { Button, errorFor, FormAlert, otherErrors, TextField } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";
import { Badge } from "@/components/ui";
import type { SavedViewRow } from "@/lib/triage/saved-views";

// Named views of the queue: open one (a link), save the current one, delete your own.

export function SavedViews({ views, currentQuery, canWrite, isAdmin }: { views: SavedViewRow[]; currentQuery: string; canWrite: boolean; isAdmin: boolean }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const save = useActionMutation(createSavedViewAction, () => {
    setName("");
    router.refresh();
  });
  const remove = useActionMutation(deleteSavedViewAction, () => router.refresh());

  function onSave(event: FormEvent) {
    event.preventDefault();
    save.run({ name, shared, query: currentQuery });
  }

  return (
    <div className="space-y-3">
      {views.length === 0 ? (
        <p className="text-sm text-slate-500">No saved views yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Saved views">
          {views.map((view) => (
            <li key={view.id} className="inline-flex items-center gap-1 rounded-full border border-slate-200 bg-white py-1 pr-1 pl-3 text-sm">
              <Link href={view.query ? `/interactions?${view.query}` : "/interactions"} className="font-medium text-indigo-700 hover:underline" aria-current={view.query === currentQuery ? "page" : undefined}>
                {view.name}
              </Link>
              {view.shared && <Badge tone="info">{view.mine ? "shared" : `shared by ${view.owner.name}`}</Badge>}
              {canWrite && (view.mine || (isAdmin && view.shared)) && (
                <button
                  type="button"
                  onClick={() => remove.run({ id: view.id })}
                  className="rounded-full px-2 text-slate-500 hover:bg-slate-100 hover:text-rose-700"
                  aria-label={`Delete the view ${view.name}`}
                  disabled={remove.pending}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormAlert messages={[remove.formError]} />
      {canWrite && (
        <form onSubmit={onSave} className="flex flex-wrap items-end gap-3" aria-label="Save this view" noValidate>
          <div className="w-64">
            <TextField name="viewName" label="Save this view as" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(save.fieldErrors, "name")} />
          </div>
          <label className="inline-flex items-center gap-2 pb-2 text-sm text-slate-700">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} className="h-4 w-4" />
            Share with everyone who works the queue
          </label>
          <div className="pb-0.5">
            <Button type="submit" tone="secondary" pending={save.pending} pendingText="Saving…">
              Save view
            </Button>
          </div>
          <div className="w-full">
            <FormAlert messages={[save.formError !== "Some fields need attention." ? save.formError : null, ...otherErrors(save.fieldErrors, ["name"])]} />
          </div>
        </form>
      )}
    </div>
  );
}
