import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { secondaryButtonClassName } from "@/components/forms/form-controls";
import { ReviewBadge } from "@/components/reviews/badges";
import { CampaignControls } from "@/components/reviews/campaign-controls";
import { ProgressChart } from "@/components/reviews/progress-chart";
import { ReviewItems } from "@/components/reviews/review-items";
import { Card, EmptyState, Facts, formatDate, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/actor";
import { guardPage } from "@/lib/auth/guard";
import { CLOSE_DEFAULT_LABELS, RECURRENCES } from "@/lib/reviews/campaign-input";
import { getCampaignFormOptions } from "@/lib/reviews/form-options";
import { getCampaign } from "@/lib/reviews/get-campaign";
import { runReviewHousekeeping } from "@/lib/reviews/housekeeping";

export const metadata: Metadata = { title: "Access review" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await guardPage("/reviews/[id]");
  const { id } = await params;
  await runReviewHousekeeping();
  const campaign = await getCampaign(actor, id);
  if (!campaign) notFound();
  const people = campaign.status === "active" ? (await getCampaignFormOptions()).reviewers : [];
  const scope = campaign.scope;
  const scopeWords = [
    scope.subjects.join(" and "),
    scope.connectorIds.length > 0 && `${scope.connectorIds.length} connector(s)`,
    scope.workflowIds.length > 0 && `${scope.workflowIds.length} workflow(s)`,
    scope.teamIds.length > 0 && `${scope.teamIds.length} team(s)`,
    scope.environments.length > 0 && scope.environments.join(", "),
    scope.sensitivities.length > 0 && `${scope.sensitivities.join(", ")} sensitivity`,
    scope.highRiskOnly && "high-risk only",
  ].filter(Boolean);

  return (
    <>
      <PageHeader title={campaign.name} description={campaign.description || undefined} actions={<ReviewBadge value={campaign.status} />} />
      <div className="mb-6 grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card title="Campaign">
          <Facts
            items={[
              ["Owner", campaign.owner?.name ?? "—"],
              ["Scope", scopeWords.length > 1 ? scopeWords.join(" · ") : `All ${scopeWords[0]}`],
              ["Starts", formatDate(campaign.startsAt)],
              ["Due", formatDate(campaign.dueAt)],
              ["Repeats", RECURRENCES.find((r) => r.months === (campaign.recurrenceMonths ?? 0))?.label ?? `Every ${campaign.recurrenceMonths} months`],
              ["On close", CLOSE_DEFAULT_LABELS[campaign.closeDefault]],
              ["Fallback reviewer", campaign.fallbackReviewer?.name ?? "The campaign owner"],
              ["Second stage", campaign.secondStageReviewer?.name ?? "None"],
              ...(campaign.previousCampaign ? ([["Previous", <Link key="p" href={`/reviews/${campaign.previousCampaign.id}`} className="text-indigo-700 hover:underline">previous run</Link>]] as [string, ReactNode][]) : []),
              ...(campaign.nextCampaign ? ([["Next", <Link key="n" href={`/reviews/${campaign.nextCampaign.id}`} className="text-indigo-700 hover:underline">starts {formatDate(campaign.nextCampaign.startsAt)}</Link>]] as [string, ReactNode][]) : []),
              ...(campaign.completedAt ? ([["Completed", formatDate(campaign.completedAt)]] as [string, ReactNode][]) : []),
            ]}
          />
          {can(actor, "review:manage") && (campaign.status === "draft" || campaign.status === "active") && (
            <div className="mt-5 border-t border-slate-100 pt-4">
              <CampaignControls campaignId={campaign.id} status={campaign.status} closePolicy={CLOSE_DEFAULT_LABELS[campaign.closeDefault].toLowerCase()} />
            </div>
          )}
        </Card>
        <Card title="Progress">
          <ProgressChart overall={campaign.progress} byReviewer={campaign.byReviewer} />
        </Card>
      </div>
      {campaign.evidence && (
        <Card title="Evidence for auditors" className="mb-6">
          <p className="text-sm text-slate-600">
            Written once when the campaign completed. Its SHA-256 is recorded in the tamper-evident audit trail (event <code>review.complete</code>): a download whose hash
            differs was edited.
          </p>
          <dl className="mt-3 grid gap-1 text-sm sm:grid-cols-[6rem_1fr]">
            <dt className="text-slate-500">JSON</dt>
            <dd className="break-all font-mono text-xs" data-testid="evidence-json-sha256">
              {campaign.evidence.jsonSha256}
            </dd>
            <dt className="text-slate-500">CSV</dt>
            <dd className="break-all font-mono text-xs" data-testid="evidence-csv-sha256">
              {campaign.evidence.csvSha256}
            </dd>
          </dl>
          <div className="mt-4 flex gap-2">
            <a href={`/api/reviews/${campaign.id}/evidence?format=json`} className={secondaryButtonClassName} download>
              Download evidence (JSON)
            </a>
            <a href={`/api/reviews/${campaign.id}/evidence?format=csv`} className={secondaryButtonClassName} download>
              Download evidence (CSV)
            </a>
          </div>
        </Card>
      )}
      <Card title="Items">
        {campaign.items.length === 0 ? (
          <EmptyState>{campaign.status === "draft" ? "Items are built from the grants in scope when the campaign starts." : "No approved grants were in scope."}</EmptyState>
        ) : (
          <ReviewItems campaignId={campaign.id} items={campaign.items} people={people} />
        )}
      </Card>
    </>
  );
}
