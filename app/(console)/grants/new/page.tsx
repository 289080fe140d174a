import type { Metadata } from "next";
import { RequestGrantForm } from "@/components/grants/request-grant-form";
import { Card, PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { getRequestFormOptions, requestFormExpiryBounds } from "@/lib/grants/request-options";

export const metadata: Metadata = { title: "Request a grant" };

export default async function NewGrantPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await guardPage("/grants/new");
  const { workflowId } = await searchParams;
  const options = await getRequestFormOptions();
  const bounds = requestFormExpiryBounds();
  // ?workflowId= preselects the workflow (from a workflow's page); an unknown id selects nothing.
  const initialWorkflowId = typeof workflowId === "string" && options.workflows.some((w) => w.id === workflowId) ? workflowId : "";

  return (
    <>
      <PageHeader
        title="Request a grant"
        description="Ask for what the workflow needs and no more. The workflow's owner or a designated approver decides; you cannot approve your own request."
      />
      <Card>
        <RequestGrantForm options={options} initialWorkflowId={initialWorkflowId} defaultExpiresOn={bounds.defaultExpiresOn} maxExpiresOn={bounds.maxExpiresOn} maxDays={bounds.maxDays} />
      </Card>
    </>
  );
}
