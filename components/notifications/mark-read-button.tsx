"use client";

import { useRouter } from "next/navigation";
import { markNotificationsReadAction } from "@/app/(console)/notifications/actions";
import { secondaryButtonClassName } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

/** Marks one notification read, or (without an id) all of the signed-in person's. */
export function MarkReadButton({ notificationId, children }: { notificationId?: string; children: string }) {
  const router = useRouter();
  const mark = useActionMutation(markNotificationsReadAction, () => router.refresh());
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" disabled={mark.pending} onClick={() => mark.run({ notificationId })} className={secondaryButtonClassName}>
        {mark.pending ? "Marking…" : children}
      </button>
      {mark.formError && (
        <span role="alert" className="text-xs text-rose-700">
          {mark.formError}
        </span>
      )}
    </span>
  );
}
