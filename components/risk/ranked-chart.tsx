"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendSeries } from "./trend-chart";

// Named rows (workflows, teams, severities, connectors…) as horizontal stacked bars, largest first.
// A bar opens the row's list (row.href); the table beside the chart carries the same links.

export interface RankedRow {
  name: string;
  href?: string;
  values: Record<string, number>;
}

export function RankedChart({ summary, rows, series }: { summary: string; rows: RankedRow[]; series: TrendSeries[] }) {
  const router = useRouter();
  const data = rows.map((row) => ({ name: row.name, href: row.href, ...row.values }));
  return (
    <div style={{ height: Math.max(120, 36 * rows.length + 48) }} role="img" aria-label={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 11 }} />
          <Tooltip />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="row"
              fill={s.color}
              cursor="pointer"
              onClick={(entry) => {
                const href = (entry as { payload?: { href?: string } }).payload?.href;
                if (href) router.push(href);
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
