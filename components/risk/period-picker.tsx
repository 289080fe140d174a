import Link from "next/link";
import { RISK_PERIOD_DAYS, type RiskPeriodDays } from "@/lib/risk/period";

// The period as links (?days=7|30|90): shareable, and usable before any JavaScript has loaded.
export function PeriodPicker({ days }: { days: RiskPeriodDays }) {
  return (
    <nav aria-label="Period" className="flex rounded-md border border-slate-300 bg-white text-sm">
      {RISK_PERIOD_DAYS.map((option) => (
        <Link
          key={option}
          href={`/risk?days=${option}`}
          aria-current={option === days ? "page" : undefined}
          className={`px-3 py-1.5 first:rounded-l-md last:rounded-r-md ${option === days ? "bg-indigo-600 font-medium text-white" : "text-slate-700 hover:bg-slate-50"}`}
        >
          {option} days
        </Link>
      ))}
    </nav>
  );
}
