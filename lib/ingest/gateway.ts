import type { Severity } from "@/lib/generated/prisma/client";
import type { GatewayCheck } from "./event";
import type { CheckStatus, StoredCheck, StoredFinding } from "./analysed";

// A gateway's guardrail verdicts, kept as checks; one that flagged or blocked the interaction is
// also a finding, in our categories where its own say what it caught.

const STATUS: Record<GatewayCheck["status"], CheckStatus> = { passed: "passed", flagged: "flagged", blocked: "blocked", error: "error", not_run: "not_run" };

export interface GatewayCategory {
  category: string;
  owasp: string | null;
}

// Words in a gateway's category (or guardrail name) and what they mean in our terms, most telling
// first: a check named "pii-and-injection" is reported as injection.
const CATEGORY_WORDS: [GatewayCategory, RegExp][] = [
  [{ category: "indirect_injection", owasp: "LLM01:2025" }, /\bindirect (?:prompt )?injection\b|\bxpia\b|\bdocument attack/],
  [{ category: "prompt_injection", owasp: "LLM01:2025" }, /\binjection\b|\bprompt (?:attack|shield)/],
  [{ category: "jailbreak", owasp: "LLM01:2025" }, /\bjailbreak/],
  [{ category: "system_prompt_leakage", owasp: "LLM07:2025" }, /\bsystem prompt (?:leak|extraction)|\bprompt leak/],
  [{ category: "secret", owasp: "LLM02:2025" }, /\b(?:secrets?|credentials?|passwords?|api ?keys?|access keys?|private keys?|high entropy)\b|(?<!\b(?:max|min|input|output|total|prompt|completion) )\btokens?\b(?! (?:limit|count|usage|budget|length))/],
  [
    { category: "pii", owasp: "LLM02:2025" },
    /\b(?:pii|phi|personal|email|phone|credit card|card number|ssn|iban|person|location|passport|driver|license|itin|nhs|ip address|bank|medical|date of birth|dob|address)\b/,
  ],
  [{ category: "toxicity", owasp: null }, /\b(?:toxic\w*|hate\w*|harass\w*|violen\w*|sexual\w*|self ?harm|profan\w*|insult\w*|obscen\w*|moderation)\b/],
];

/** "AWS_ACCESS_KEY", "promptInjection", "pg-pii-check/portkey.pii" → "aws access key", "prompt injection", "pg pii check portkey pii". */
const wordsOf = (value: string) =>
  value
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** Our category for a gateway's verdict: from its categories, else its name, else "gateway_guardrail". */
export function gatewayCategory(check: Pick<GatewayCheck, "name" | "categories">): GatewayCategory {
  for (const source of [(check.categories ?? []).map(wordsOf).join(" | "), wordsOf(check.name)]) {
    if (!source) continue;
    for (const [mapped, pattern] of CATEGORY_WORDS) if (pattern.test(source)) return mapped;
  }
  return { category: "gateway_guardrail", owasp: null };
}

/** `check` is already masked (name, categories, raw). */
export function gatewayCheckRecord(check: GatewayCheck): StoredCheck {
  const status = STATUS[check.status];
  const record: StoredCheck = {
    source: "gateway",
    name: check.name,
    status,
    passed: status === "passed" || status === "not_run",
    durationMs: check.durationMs ?? null,
    findings: status === "flagged" || status === "blocked" ? 1 : 0,
    raw: check.raw ?? null,
  };
  if (check.mode !== undefined) record.mode = check.mode;
  if (check.categories !== undefined) record.categories = check.categories;
  return record;
}

export function gatewayFinding(check: GatewayCheck): StoredFinding | null {
  if (check.status !== "flagged" && check.status !== "blocked") return null;
  const { category, owasp } = gatewayCategory(check);
  const severity: Severity = check.status === "blocked" ? "high" : "medium";
  const categories = check.categories && check.categories.length > 0 ? ` for ${check.categories.map((c) => `'${c}'`).join(", ")}` : "";
  const mode = check.mode ? ` (${check.mode})` : "";
  return {
    source: "gateway",
    detector: check.name,
    rule: check.name,
    category,
    owasp,
    severity,
    field: null,
    spanStart: null,
    spanEnd: null,
    explanation: `The gateway's guardrail '${check.name}'${mode} ${check.status === "blocked" ? "blocked" : "flagged"} this interaction${categories}.`,
    secretKind: null,
    secretLastFour: null,
    secretHash: null,
    connectorId: null,
    grantId: null,
  };
}
