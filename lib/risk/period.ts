import { z } from "zod";

// The dashboard's period: the last 7, 30 or 90 days (UTC), today included, in the URL as ?days=.
// Whole UTC days, because the rollups count per day of occurred_at in UTC.

export const RISK_PERIOD_DAYS = [7, 30, 90] as const;
export type RiskPeriodDays = (typeof RISK_PERIOD_DAYS)[number];
export const DEFAULT_RISK_PERIOD_DAYS: RiskPeriodDays = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

export const riskPeriodQuerySchema = z.object({
  days: z
    .enum(RISK_PERIOD_DAYS.map(String) as ["7", "30", "90"], { error: `days must be one of ${RISK_PERIOD_DAYS.join(", ")}` })
    .optional()
    .transform((value) => (value === undefined ? DEFAULT_RISK_PERIOD_DAYS : (Number(value) as RiskPeriodDays))),
});

export interface RiskPeriod {
  days: RiskPeriodDays;
  /** First day of the period, "YYYY-MM-DD" (UTC). */
  fromDay: string;
  /** Last day of the period (today, UTC). */
  toDay: string;
  /** Start of the first day: what the queue's `from` filter gets. */
  from: Date;
  /** Every day of the period in order, for charts without gaps. */
  dayList: string[];
}

const dayString = (time: Date) => time.toISOString().slice(0, 10);

export function riskPeriod(days: RiskPeriodDays, now: Date = new Date()): RiskPeriod {
  const today = Date.parse(`${dayString(now)}T00:00:00.000Z`);
  const from = new Date(today - (days - 1) * DAY_MS);
  const dayList = Array.from({ length: days }, (_, i) => dayString(new Date(from.getTime() + i * DAY_MS)));
  return { days, fromDay: dayList[0]!, toDay: dayList.at(-1)!, from, dayList };
}

/** Start of the day after `day` ("YYYY-MM-DD"): the exclusive end of a one-day queue filter. */
export function dayAfter(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);
}
