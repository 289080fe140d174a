"use client";

import { useRouter } from "next/navigation";
import { closeCampaignAction, launchCampaignAction } from "@/app/(console)/reviews/actions";
import { Button, FormAlert } from "@/components/forms/form-controls";
import { useActionMutation } from "@/components/forms/use-action-mutation";

/** Launch a draft now, or close an active campaign (which applies every decision). */
export function CampaignControls({ campaignId, status, closePolicy }: { campaignId: string; status: string; closePolicy: string }) {
  const router = useRouter();
  const launch = useActionMutation(launchCampaignAction, () => router.refresh());
  const close = useActionMutation(closeCampaignAction, () => router.refresh());
  return (
    <div className="space-y-2">
      <FormAlert messages={[launch.formError, close.formError]} />
      {status === "draft" && (
        <Button pending={launch.pending} pendingText="Launching…" onClick={() => launch.run({ campaignId })}>
          Launch now
        </Button>
      )}
      {status === "active" && (
        <>
          <Button
            tone="danger"
            pending={close.pending}
            pendingText="Closing and applying…"
            onClick={() => {
              if (window.confirm(`Close this campaign? Undecided items: ${closePolicy}. Every decision is then applied to its grant.`)) close.run({ campaignId });
            }}
          >
            Close campaign and apply decisions
          </Button>
          <p className="text-xs text-slate-500">Undecided items: {closePolicy}.</p>
        </>
      )}
    </div>
  );
}
