import type { Severity } from "@/lib/generated/prisma/client";

// Chart colours. Every chart also labels its series in words (legend, table), so colour is never
// the only way to tell them apart.

const CATEGORY_COLORS: Record<string, string> = {
  prompt_injection: "#4f46e5",
  indirect_injection: "#7c3aed",
  jailbreak: "#db2777",
  system_prompt_leakage: "#0891b2",
  secret: "#dc2626",
  pii: "#d97706",
  excessive_agency: "#059669",
};
const OTHER_COLORS = ["#64748b", "#94a3b8", "#475569", "#cbd5e1"];

export function categoryColor(category: string, index: number): string {
  return CATEGORY_COLORS[category] ?? OTHER_COLORS[index % OTHER_COLORS.length]!;
}

export const STATUS_COLORS = { open: "#e11d48", resolved: "#10b981", falsePositive: "#94a3b8", closed: "#cbd5e1" } as const;

export const SEVERITY_COLORS: Record<Severity, string> = { critical: "#9f1239", high: "#e11d48", medium: "#f59e0b", low: "#38bdf8", info: "#94a3b8" };

export const USAGE_COLORS = { interactions: "#6366f1", flagged: "#e11d48" } as const;

/** Open against decided (resolved or false positive), for the bars of one named row each. */
export const OPEN_CLOSED_SERIES = [
  { key: "open", label: "Open", color: STATUS_COLORS.open },
  { key: "closed", label: "Resolved or false positive", color: STATUS_COLORS.closed },
];
