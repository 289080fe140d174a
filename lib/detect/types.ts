import type { KeywordHits } from "./keywords";

// What the detectors report. Pure data: no database, so the same shapes serve the gateway ingest,
// `npm run scan` and the tests.

export const DETECT_ROLES = ["user", "assistant", "tool", "system", "document"] as const;
export type DetectRole = (typeof DETECT_ROLES)[number];

/** Roles whose text arrives from outside the conversation (tool results, retrieved documents). */
export const UNTRUSTED_CONTENT_ROLES: readonly DetectRole[] = ["tool", "document"];

export type FindingCategory = "secret" | "pii" | "prompt_injection" | "jailbreak" | "indirect_injection" | "system_prompt_leakage";

export type DetectSeverity = "info" | "low" | "medium" | "high" | "critical";

/** OWASP Top 10 for LLM Applications 2025. */
export const OWASP_LLM_2025 = {
  "LLM01:2025": "Prompt Injection",
  "LLM02:2025": "Sensitive Information Disclosure",
  "LLM07:2025": "System Prompt Leakage",
} as const;
export type OwaspLlm2025 = keyof typeof OWASP_LLM_2025;

export interface Finding {
  category: FindingCategory;
  owasp: OwaspLlm2025;
  severity: DetectSeverity;
  /** Which detector produced it: "secrets", "pii" or "injection". */
  detector: DetectorName;
  /** The rule inside the detector, e.g. "openai_api_key", "payment_card", "instruction_override". */
  rule: string;
  /** UTF-16 offsets into the scanned text: text.slice(start, end) is the matched span. */
  start: number;
  end: number;
  explanation: string;
}

export type DetectorName = "secrets" | "pii" | "injection";

/** One check that ran on an interaction, ours or the gateway's, so a verdict can be explained from the record alone. */
export interface CheckResult {
  source: "warden" | "gateway";
  detector: string;
  /** Name and version of the rule set, so a stored verdict says which rules produced it. */
  ruleSet: string;
  passed: boolean;
  durationMs: number;
  /** How many findings this check produced. */
  findings: number;
}

export interface DetectOptions {
  role?: DetectRole;
}

export interface DetectResult {
  findings: Finding[];
  checks: CheckResult[];
}

/**
 * The scanned text with its lower-case copy made once, because every detector's keyword prefilter
 * looks at the lower-case text and lower-casing is the one full pass we cannot avoid.
 */
export interface ScanInput {
  text: string;
  lower: string;
  role: DetectRole;
  /** Keyword positions, filled by the first detector that needs them (lib/detect/keyword-pass.ts). */
  hits?: KeywordHits;
}

export function scanInput(text: string, role: DetectRole = "user"): ScanInput {
  return { text, lower: lowerSameLength(text), role };
}

/**
 * Lower-cases without changing any offset. String.prototype.toLowerCase can lengthen a few characters
 * ("İ" becomes two code units), which would shift every span found on the lower-case copy.
 */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const lowered = char.toLowerCase();
    out += lowered.length === 1 ? lowered : char;
  }
  return out;
}
