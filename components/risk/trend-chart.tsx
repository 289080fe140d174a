"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dayQueueHref, type QueueLink } from "@/lib/risk/links";

// Counts per day as stacked bars, one colour per series. A bar segment opens the list behind it:
// the queue on that day narrowed by the series' filters, or the series' fixed page. The same links
// are in the table beside the chart, which is the way in for keyboards and screen readers (the
// chart itself is one image with a summary).

export interface TrendSeries {
  key: string;
  label: string;
  color: string;
}

/** Where a series' bars lead: queue filters (applied to the bar's day), or a page. */
export type SeriesLink = { queue: QueueLink } | { href: string };

export type TrendRow = { day: string } & Record<string, number | string>;

const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export function TrendChart({ summary, rows, series, links }: { summary: string; rows: TrendRow[]; series: TrendSeries[]; links: Record<string, SeriesLink> }) {
  const router = useRouter();
  return (
    <div className="h-64" role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11 }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip labelFormatter={(day) => shortDay(String(day))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="day"
              fill={s.color}
              cursor="pointer"
              onClick={(entry) => {
                const day = (entry as { payload?: { day?: string } }).payload?.day;
                const link = links[s.key];
                if (day && link) router.push("href" in link ? link.href : dayQueueHref(day, link.queue));
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
