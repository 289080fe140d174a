import type { Severity } from "@/lib/generated/prisma/client";

// How the queue names what detectors and gateways report. Values the console does not know (a
// gateway's own category) are shown as they are.

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const satisfies readonly Severity[];

export const SEVERITY_LABELS: Record<Severity, string> = { info: "Info", low: "Low", medium: "Medium", high: "High", critical: "Critical" };

export const SEVERITY_TONES: Record<Severity, "neutral" | "info" | "warn" | "bad"> = {
  info: "neutral",
  low: "info",
  medium: "warn",
  high: "bad",
  critical: "bad",
};

export const CATEGORY_LABELS: Record<string, string> = {
  prompt_injection: "Prompt injection",
  indirect_injection: "Indirect prompt injection",
  jailbreak: "Jailbreak",
  system_prompt_leakage: "System prompt leakage",
  secret: "Secret",
  pii: "Personal data",
  excessive_agency: "Excessive agency",
};

/** OWASP Top 10 for LLM Applications 2025. */
export const OWASP_LABELS: Record<string, string> = {
  "LLM01:2025": "LLM01 Prompt Injection",
  "LLM02:2025": "LLM02 Sensitive Information Disclosure",
  "LLM03:2025": "LLM03 Supply Chain",
  "LLM04:2025": "LLM04 Data and Model Poisoning",
  "LLM05:2025": "LLM05 Improper Output Handling",
  "LLM06:2025": "LLM06 Excessive Agency",
  "LLM07:2025": "LLM07 System Prompt Leakage",
  "LLM08:2025": "LLM08 Vector and Embedding Weaknesses",
  "LLM09:2025": "LLM09 Misinformation",
  "LLM10:2025": "LLM10 Unbounded Consumption",
};

export const DETECTOR_LABELS: Record<string, string> = {
  secrets: "Secrets",
  pii: "Personal data",
  injection: "Prompt injection",
  agency: "Excessive agency",
};

export const categoryLabel = (value: string) => CATEGORY_LABELS[value] ?? value;
export const owaspLabel = (value: string) => OWASP_LABELS[value] ?? value;
export const detectorLabel = (value: string) => DETECTOR_LABELS[value] ?? value;
