import type { Metadata } from "next";
import { CreateCampaignForm } from "@/components/reviews/create-campaign-form";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { campaignFormDates, getCampaignFormOptions } from "@/lib/reviews/form-options";

export const metadata: Metadata = { title: "New access review" };

export default async function NewCampaignPage() {
  await guardPage("/reviews/new");
  const options = await getCampaignFormOptions();
  const dates = campaignFormDates();
  return (
    <>
      <PageHeader
        title="New access review"
        description="Choose which approved grants and credentials to review. Each workflow's owner reviews its grants (a credential's owner its credential); nobody reviews a grant they requested. You own the campaign: overdue items escalate to you."
      />
      <Card>
        <CreateCampaignForm options={options} today={dates.today} defaultDue={dates.defaultDue} />
      </Card>
    </>
  );
}
