"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface GrantsByModeRow {
  mode: "suggest" | "approve" | "autonomous";
  approved: number;
  requested: number;
}

// How much of what agents may do happens without a person in the loop.
export function GrantsByModeChart({ rows }: { rows: GrantsByModeRow[] }) {
  return (
    <div className="h-56" role="img" aria-label={rows.map((r) => `${r.mode}: ${r.approved} approved, ${r.requested} requested`).join("; ")}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="mode" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="approved" name="Active" stackId="g" fill="#4f46e5" />
          <Bar dataKey="requested" name="Awaiting approval" stackId="g" fill="#a5b4fc" />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
