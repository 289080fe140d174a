import type { Metadata } from "next";
import { AgencySection } from "@/components/risk/agency-section";
import { CategorySection, SeveritySection } from "@/components/risk/findings-sections";
import { TeamSection, WorkflowSection } from "@/components/risk/ownership-sections";
import { PeriodPicker } from "@/components/risk/period-picker";
import { RiskFigures } from "@/components/risk/risk-figures";
import { TriageSection } from "@/components/risk/triage-section";
import { UnregisteredSection } from "@/components/risk/unregistered-section";
import { PageHeader } from "@/components/ui";
import { guardPage } from "@/lib/auth/guard";
import { getRiskDashboard } from "@/lib/risk/dashboard";
import { DEFAULT_RISK_PERIOD_DAYS, riskPeriodQuerySchema } from "@/lib/risk/period";

export const metadata: Metadata = { title: "Risk" };

export default async function RiskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await guardPage("/risk");
  const params = await searchParams;
  const parsed = riskPeriodQuerySchema.safeParse({ days: Array.isArray(params.days) ? params.days[0] : params.days });
  const days = parsed.success ? parsed.data.days : DEFAULT_RISK_PERIOD_DAYS;
  const dashboard = await getRiskDashboard(days);
  return (
    <>
      <PageHeader
        title="Risk"
        description={`Where risk in AI traffic comes from over the last ${days} days (${dashboard.period.fromDay} to ${dashboard.period.toDay}, UTC): what was flagged, who answers for it, and how fast it is handled. Every chart opens the queue on what it counts.`}
        actions={<PeriodPicker days={days} />}
      />
      {!parsed.success && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-800">
          {parsed.error.issues[0]?.message}; showing {DEFAULT_RISK_PERIOD_DAYS} days.
        </p>
      )}
      <RiskFigures dashboard={dashboard} />
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        <CategorySection dashboard={dashboard} />
        <SeveritySection dashboard={dashboard} />
        <AgencySection dashboard={dashboard} />
        <WorkflowSection dashboard={dashboard} />
        <TeamSection dashboard={dashboard} />
        <TriageSection dashboard={dashboard} />
        <UnregisteredSection dashboard={dashboard} />
      </div>
    </>
  );
}
