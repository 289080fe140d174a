import { keywordHits } from "./keyword-pass";
import { keywordGate } from "./keywords";
import { SECRET_RULES, type SecretRule } from "./secret-rules";
import type { Finding, ScanInput } from "./types";

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

export interface SecretMatch {
  rule: SecretRule;
  /** Span of the secret itself (the capture group when the rule has one). */
  start: number;
  end: number;
  secret: string;
}

const secretGate = keywordGate(SECRET_RULES, (rule) => rule.keywords);

/** All secrets in the text, earlier rules winning where spans overlap (specific rules come first). */
export function findSecrets(input: Pick<ScanInput, "text" | "lower" | "hits">): SecretMatch[] {
  const { text } = input;
  const matches: SecretMatch[] = [];
  const found = keywordHits(input);
  const open = secretGate(found);
  for (let index = 0; index < SECRET_RULES.length; index++) {
    const rule = SECRET_RULES[index]!;
    if (!rule.alwaysRun && open[index] === 0 && !rule.keywordsAnywhere?.some((literal) => text.includes(literal))) continue;
    const subject = rule.onLowerCase ? input.lower : text;
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(subject); m !== null; m = rule.regex.exec(subject)) {
      const matched = rule.group === undefined ? m[0] : m[rule.group];
      if (!matched) continue;
      const start = rule.group === undefined ? m.index : m.index + m[0].lastIndexOf(matched);
      const end = start + matched.length;
      const secret = text.slice(start, end);
      if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
      if (rule.accept && !rule.accept(secret)) continue;
      if (matches.some((other) => start < other.end && other.start < end)) continue;
      matches.push({ rule, start, end, secret });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

export function secretFindings(input: ScanInput): Finding[] {
  return findSecrets(input).map(({ rule, start, end, secret }) => ({
    category: "secret",
    owasp: "LLM02:2025",
    severity: rule.severity,
    detector: "secrets",
    rule: rule.id,
    start,
    end,
    explanation: `${rule.name}${secret.length >= 16 ? ` ending in …${secret.slice(-4)}` : ""} (${secret.length} characters). A live credential in ${roleText(input.role)} can be replayed by anyone who reads the log; rotate it.`,
  }));
}

function roleText(role: ScanInput["role"]): string {
  switch (role) {
    case "assistant":
      return "a model response";
    case "tool":
      return "a tool call or result";
    case "document":
      return "a retrieved document";
    case "system":
      return "a system prompt";
    default:
      return "a prompt";
  }
}
